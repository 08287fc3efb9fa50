using Microsoft.Extensions.Logging;

namespace SyncOps.Engine;

/// <summary>The engine's log messages (source-generated: no work when the level is off). Never secrets or URLs with keys.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(LogLevel.Information, "Sync {SyncId} resumes {Entity} from offset {Offset} where {Previous} stopped")]
    public static partial void Resuming(ILogger logger, string syncId, string entity, int offset, string previous);

    [LoggerMessage(LogLevel.Warning, "Sync {SyncId} failed: {Message}")]
    public static partial void Failed(ILogger logger, string syncId, string message);

    [LoggerMessage(LogLevel.Warning, "Sync {SyncId} lost its lease to another process; stopping")]
    public static partial void LostLease(ILogger logger, string syncId);

    [LoggerMessage(LogLevel.Debug, "Watcher of sync {SyncId} could not reach the database")]
    public static partial void WatcherUnreachable(ILogger logger, Exception exception, string syncId);

    [LoggerMessage(LogLevel.Information, "Job {JobId} ended {Status} (sync {SyncId})")]
    public static partial void JobEnded(ILogger logger, long jobId, string status, string? syncId);

    [LoggerMessage(LogLevel.Debug, "Could not record a source retry on sync {SyncId}")]
    public static partial void RetryNotRecorded(ILogger logger, string syncId, Exception exception);

    [LoggerMessage(LogLevel.Information, "Sync {SyncId} marked {Count} {Entity} records deleted: the source no longer lists them")]
    public static partial void MarkedDeleted(ILogger logger, string syncId, int count, string entity);

    [LoggerMessage(LogLevel.Information, "Sync {SyncId}: the {Entity} scan resumed or had records without ids, so deletions are left to the next full scan")]
    public static partial void DeletionsNotChecked(ILogger logger, string syncId, string entity);
}
