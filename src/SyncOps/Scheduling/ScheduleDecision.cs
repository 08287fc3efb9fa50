namespace SyncOps.Scheduling;

/// <summary>What the scheduler decided for one due schedule; <see cref="SyncSchedules"/> writes it back.</summary>
public sealed record ScheduleDecision(
    DateTimeOffset? NextRunAt,
    DateTimeOffset? NextFullScanAt,
    bool Paused = false,
    DateTimeOffset? RanAt = null,
    long? JobId = null,
    string? Error = null);
