namespace SyncOps.Webhooks;

/// <summary>A delivery claimed from the queue for applying.</summary>
public sealed record QueuedDelivery(
    string OrgId,
    long Id,
    Guid ConnectionId,
    string Entity,
    string Event,
    string Body,
    DateTimeOffset ReceivedAt);
