namespace SyncOps.Alerts;

/// <summary>Where a channel's messages go, decrypted for the sender only: the URL and, for a webhook, the signing secret.</summary>
public sealed record AlertTarget(string Kind, Uri Url, string? Secret);
