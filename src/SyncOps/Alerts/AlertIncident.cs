namespace SyncOps.Alerts;

/// <summary>A row of <c>alert_incidents</c>: one rule holding for one subject, from opened until resolved.</summary>
public sealed record AlertIncident(
    long Id, string OrgId, Guid RuleId, string Subject, string Detail, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt);
