namespace SyncOps.Alerts;

/// <summary>
/// A rule to add (see <see cref="AlertConditions"/>): <paramref name="Threshold"/> is a percent for errors_above and
/// slower_than_baseline and a count for consecutive_failures; <paramref name="After"/> is T for schedule_not_succeeded.
/// Connection, entity and schedule narrow what the rule watches; all null watches every stream of the organisation.
/// </summary>
public sealed record NewAlertRule(
    string OrgId,
    Guid ChannelId,
    string Condition,
    Guid? ConnectionId = null,
    string? Entity = null,
    Guid? ScheduleId = null,
    decimal? Threshold = null,
    TimeSpan? After = null);
