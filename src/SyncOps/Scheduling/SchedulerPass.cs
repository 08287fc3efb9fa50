namespace SyncOps.Scheduling;

/// <summary>What one <see cref="Scheduler.RunOnceAsync"/> did.</summary>
public sealed class SchedulerPass
{
    /// <summary>Jobs queued.</summary>
    public int Queued { get; internal set; }

    /// <summary>Due schedules whose connection and entity already had a run queued or running.</summary>
    public int Skipped { get; internal set; }

    /// <summary>Schedules planned for the first time (added through the REST API, changed, or resumed).</summary>
    public int Planned { get; internal set; }

    /// <summary>Schedules whose rule or connection is wrong: paused or marked with the reason in <c>last_error</c>.</summary>
    public int Invalid { get; internal set; }
}
