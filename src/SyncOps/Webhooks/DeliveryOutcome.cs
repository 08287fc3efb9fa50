namespace SyncOps.Webhooks;

/// <summary>What applying a delivery did: <c>applied</c>, <c>ignored</c> (the stored row was as new or newer) or <c>failed</c>.</summary>
public sealed record DeliveryOutcome(QueuedDelivery Delivery, string Status, string? Error = null)
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Failed = "failed";
}
