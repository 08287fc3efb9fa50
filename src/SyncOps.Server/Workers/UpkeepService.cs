using SyncOps.Operations;

namespace SyncOps.Server.Workers;

/// <summary>
/// Runs maintenance under <c>serve</c> (partitions ahead, retention, expired cache, stalled syncs to timeout, dead
/// workers' jobs taken over), one process at a time (<see cref="Upkeep"/>), every <see cref="WorkerOptions.UpkeepInterval"/>.
/// </summary>
internal sealed partial class UpkeepService(
    Upkeep upkeep, MaintenanceOptions maintenance, WorkerOptions options, TimeProvider timeProvider, ILogger<UpkeepService> logger)
    : PeriodicService(timeProvider, logger)
{
    protected override TimeSpan Interval => options.UpkeepInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await upkeep.RunOnceAsync(maintenance, cancellationToken) is not { } report)
        {
            return;
        }

        foreach (var sync in report.SyncsTimedOut)
        {
            LogTimedOut(logger, sync, maintenance.StaleAfter);
        }

        foreach (var job in report.JobsTakenOver)
        {
            LogTakenOver(logger, job);
        }

        if (report.PartitionsCreated.Count + report.PartitionsDropped.Count > 0)
        {
            LogPartitions(logger, report.PartitionsCreated, report.PartitionsDropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "sync {Sync} stalled (no progress or heartbeat for {StaleAfter}): ended as timeout")]
    private static partial void LogTimedOut(ILogger logger, string sync, TimeSpan staleAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} lost its worker: taken over")]
    private static partial void LogTakenOver(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "activity-log partitions created: [{Created}], dropped: [{Dropped}]")]
    private static partial void LogPartitions(ILogger logger, IReadOnlyList<string> created, IReadOnlyList<string> dropped);
}
