namespace SyncOps.Scheduling;

/// <summary>
/// One row of <c>sync_schedules</c>, with its last run's result (the job's status and error). Property names follow the
/// columns, so the CLI's JSON and the REST API's rows read alike.
/// </summary>
public sealed record SyncSchedule(
    Guid Id,
    string OrgId,
    Guid ConnectionId,
    string EntityType,
    int? EverySeconds,
    string? Cron,
    string TimeZone,
    string? FullScanCron,
    int JitterSeconds,
    bool Paused,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? NextFullScanAt,
    DateTimeOffset? LastRunAt,
    long? LastJobId,
    string? LastJobStatus,
    string? LastError,
    DateTimeOffset CreatedAt)
{
    /// <summary>The rule this row stores; a row written by hand with a bad rule throws <see cref="SyncOpsException"/>.</summary>
    public ScheduleRule Rule() =>
        ScheduleRule.Create(EverySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, Cron,
            Cron is null ? null : TimeZone, FullScanCron, TimeSpan.FromSeconds(JitterSeconds));
}
