namespace SyncOps.Operations;

/// <summary>The knobs of <c>syncops maintenance run</c>.</summary>
public sealed record MaintenanceOptions
{
    /// <summary>Activity-log partitions are created this many months ahead of the current one.</summary>
    public int MonthsAhead { get; init; } = 3;

    /// <summary>Whole monthly partitions older than this are dropped.</summary>
    public int RetentionMonths { get; init; } = 12;

    /// <summary>A running sync with no report or heartbeat for this long ends as 'timeout'.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(15);
}
