using SyncOps.Connectors;

namespace SyncOps.Webhooks;

/// <summary>
/// A WooCommerce webhook topic (<c>X-WC-Webhook-Topic</c>, "resource.event") that SyncOps applies: customer, order and
/// product with created, updated, deleted or restored (WC_Webhook::get_default_topic_hooks; customers have no
/// restored). Coupon and action.* topics are not synced.
/// </summary>
public sealed record WooCommerceTopic(string Entity, string Event)
{
    /// <summary>Every topic a store should send, in the order <c>connection webhooks</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "customer.created", "customer.updated", "customer.deleted",
        "order.created", "order.updated", "order.deleted", "order.restored",
        "product.created", "product.updated", "product.deleted", "product.restored",
    ];

    public bool IsDeletion => Event == "deleted";

    public override string ToString() => $"{Entity}.{Event}";

    /// <summary>The topic, or null when SyncOps does not sync it (the delivery is then acknowledged and dropped).</summary>
    public static WooCommerceTopic? TryParse(string? topic)
    {
        if (topic is null || !Supported.Contains(topic, StringComparer.Ordinal))
        {
            return null;
        }

        var dot = topic.IndexOf('.', StringComparison.Ordinal);
        return new WooCommerceTopic(SyncEntity.Parse(topic[..dot]), topic[(dot + 1)..]);
    }
}
