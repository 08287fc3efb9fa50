namespace SyncOps.Alerts;

/// <summary>
/// A channel to add: <see cref="AlertChannels.Webhook"/> (JSON, signed with <paramref name="Secret"/>; one is generated
/// when null) or <see cref="AlertChannels.Slack"/> (a Slack-compatible incoming webhook).
/// </summary>
public sealed record NewAlertChannel(string OrgId, string Kind, string Url, string? Secret = null, string? Name = null);
