namespace SyncOps.Alerts;

/// <summary>A row of <c>alert_channels</c> as members see it: the host of its URL, never the URL or the secret.</summary>
public sealed record AlertChannel(Guid Id, string OrgId, string Kind, string Name, string UrlHost, DateTimeOffset CreatedAt);
