namespace SyncOps.Alerts;

/// <summary>
/// A row of the alert log (<c>alert_deliveries</c>): an <c>alert</c> or <c>resolve</c> message of an incident, or a
/// <c>test</c> message, with its attempts and outcome. <see cref="Condition"/> is the rule's (null once it is removed).
/// </summary>
public sealed record AlertDelivery(
    long Id,
    string OrgId,
    Guid ChannelId,
    Guid? RuleId,
    long? IncidentId,
    string Kind,
    string? Condition,
    string? Subject,
    string Message,
    string Status,
    int Attempts,
    int? ResponseStatus,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);
