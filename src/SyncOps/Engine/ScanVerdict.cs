using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// What <see cref="ScanIntegrity"/> concluded about a pass over the source: complete, scan again (with the source's
/// other paging when the current one proved unreliable), or give up with a message saying what the source did.
/// </summary>
internal sealed record ScanVerdict(bool Complete, SourcePaging? RescanWith, string? Failure, string? Reason)
{
    public static readonly ScanVerdict Ok = new(true, null, null, null);

    public static ScanVerdict Rescan(SourcePaging paging, string reason) => new(false, paging, null, reason);

    public static ScanVerdict Fail(string message) => new(false, null, message, message);
}
