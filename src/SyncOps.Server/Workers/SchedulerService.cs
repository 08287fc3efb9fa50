using SyncOps.Scheduling;

namespace SyncOps.Server.Workers;

/// <summary>Queues due schedules under <c>serve</c>; any number of processes may run it (the database arbitrates).</summary>
internal sealed class SchedulerService(Scheduler scheduler, WorkerOptions options, TimeProvider timeProvider, ILogger<SchedulerService> logger)
    : PeriodicService(timeProvider, logger)
{
    protected override TimeSpan Interval => options.SchedulerInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => scheduler.RunOnceAsync(cancellationToken);
}
