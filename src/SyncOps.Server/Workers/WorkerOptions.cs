namespace SyncOps.Server.Workers;

/// <summary>The server's sync workers.</summary>
internal sealed class WorkerOptions
{
    /// <summary>Syncs run at once by this process; 0 runs none (another process works the queue).</summary>
    public int Count { get; init; } = 2;

    /// <summary>How often an idle worker looks at the queue without a NOTIFY (one missed while reconnecting).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the scheduler looks for due schedules; <see cref="TimeSpan.Zero"/> runs no scheduler here.</summary>
    public TimeSpan SchedulerInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often this process offers to run maintenance (one process at a time runs it); at most 30 s so that a stalled
    /// sync is marked within its stale-after time plus 30 s. <see cref="TimeSpan.Zero"/> runs no upkeep here.
    /// </summary>
    public TimeSpan UpkeepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often this process offers to evaluate alert rules and send what is due (one process at a time does it);
    /// <see cref="TimeSpan.Zero"/> runs no alerting here.
    /// </summary>
    public TimeSpan AlertInterval { get; init; } = TimeSpan.FromSeconds(15);
}
