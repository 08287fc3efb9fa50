namespace SyncOps.Webhooks;

/// <summary>A verified delivery as the endpoint received it: whose, which topic, WooCommerce's ids, the body as signed.</summary>
public sealed record IncomingDelivery(
    string OrgId,
    Guid ConnectionId,
    string DeliveryId,
    string? WebhookId,
    string Topic,
    WooCommerceTopic Parsed,
    byte[] Body);
