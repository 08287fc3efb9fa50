namespace SyncOps.Server.Workers;

/// <summary>The server's sync workers.</summary>
public sealed class WorkerOptions
{
    /// <summary>Syncs run at once by this process; 0 runs none (another process works the queue).</summary>
    public int Count { get; init; } = 2;

    /// <summary>How often an idle worker looks at the queue without a NOTIFY (one missed while reconnecting).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
