using Microsoft.Extensions.Logging;

namespace SyncOps.Engine;

/// <summary>Log messages of the scan checks (source-generated).</summary>
internal static partial class ScanLog
{
    [LoggerMessage(LogLevel.Warning, "Sync {SyncId} scans {Entity} again (pass {Pass}, paging by {Paging}): {Reason}")]
    public static partial void Rescanning(ILogger logger, string syncId, string entity, int pass, string paging, string reason);
}
