namespace SyncOps.Webhooks;

/// <summary>Where a connection's deliveries go and what they are signed with. ToString hides the secret.</summary>
public sealed record WebhookEndpoint(Guid ConnectionId, string OrgId, string Secret)
{
    public override string ToString() => $"WebhookEndpoint {{ ConnectionId = {ConnectionId}, OrgId = {OrgId}, Secret = *** }}";
}
