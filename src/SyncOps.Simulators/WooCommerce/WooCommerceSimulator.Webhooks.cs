using System.Text.Json;

namespace SyncOps.Simulators.WooCommerce;

/// <summary>The store's webhooks: every change the simulator makes is delivered when <see cref="SimulatorOptions.WebhookUrl"/> is set.</summary>
public sealed partial class WooCommerceSimulator
{
    private readonly Lock _webhookLock = new();

    /// <summary>The webhook deliveries of the store's changes, once started with <see cref="SimulatorOptions.WebhookUrl"/>.</summary>
    public WooCommerceWebhookSender? Webhooks { get; private set; }

    protected override void OnChanged(string entity, string change, IReadOnlyList<int> indexes)
    {
        if (Options.WebhookUrl is not { } url)
        {
            return;
        }

        lock (_webhookLock)
        {
            // Created on the first change (the churn timer or a request), once the store's URL is known.
            Webhooks ??= new WooCommerceWebhookSender(url, Options.WebhookSecret, 1, BaseUrl, TimeProvider);
        }

        foreach (var index in indexes)
        {
            Webhooks.Enqueue($"{entity}.{change}", WebhookBody(entity, change, index));
        }
    }

    protected override async ValueTask OnStoppingAsync()
    {
        if (Webhooks is not null)
        {
            await Webhooks.DisposeAsync();
        }
    }

    /// <summary>The resource as GET /wc/v3/{resource}s/{id} returns it; only the id for a deletion (WC_Webhook::build_payload).</summary>
    private byte[] WebhookBody(string entity, string change, int index)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            if (change == "deleted")
            {
                w.WriteStartObject();
                w.WriteNumber("id", Catalog.Entity(entity).IdOf(index));
                w.WriteEndObject();
            }
            else if (entity == "customer")
            {
                WooCommercePayloads.Customer(w, Catalog, index, BaseUrl);
            }
            else if (entity == "product")
            {
                WooCommercePayloads.Product(w, Catalog, index, BaseUrl);
            }
            else
            {
                WooCommercePayloads.Order(w, Catalog, index, BaseUrl);
            }
        }

        return buffer.ToArray();
    }
}
