namespace SyncOps.Alerts;

/// <summary>A row of <c>alert_rules</c> with its channel's kind and host and how many of its incidents are open.</summary>
public sealed record AlertRule(
    Guid Id,
    string OrgId,
    string Condition,
    Guid? ConnectionId,
    string? EntityType,
    Guid? ScheduleId,
    decimal? Threshold,
    int? AfterSeconds,
    Guid ChannelId,
    string ChannelKind,
    string ChannelHost,
    int OpenIncidents,
    DateTimeOffset CreatedAt);
