using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;

namespace SyncOps.Server.Tests.Webhooks;

/// <summary>The WooCommerce simulator delivers its changes as signed webhooks, and the server applies them.</summary>
public sealed class SimulatorWebhookTests : WebhookTest
{
    [Fact]
    public async Task Churn_DeliveredAsSignedWebhooks_EveryChangedCustomerApplied()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        await using var store = await WooCommerceSimulator.StartAsync(new SimulatorOptions
        {
            Customers = 30,
            WebhookUrl = new Uri(Server.Http.BaseAddress!, $"/hooks/woocommerce/{connection}"),
            WebhookSecret = secret,
        });

        var changed = store.Churn("customer", 6).Select(i => store.Catalog.Customers.IdOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToList();
        await store.Webhooks!.WhenSentAsync();
        await ApplyAllAsync(org);

        Assert.Equal((6, 0), (store.Webhooks.Succeeded, store.Webhooks.Failed));
        var rows = await ScalarAsync<string[]>(
            "select array_agg(external_id order by external_id) from public.customers where org_id = $1 and source_updated_at is not null", org);
        Assert.Equal(changed, rows!.Order());
    }

    [Fact]
    public async Task Churn_SignedWithAnotherSecret_Refused_NothingApplied()
    {
        var (org, connection, _) = await NewWebhookConnectionAsync();
        await using var store = await WooCommerceSimulator.StartAsync(new SimulatorOptions
        {
            Customers = 10,
            WebhookUrl = new Uri(Server.Http.BaseAddress!, $"/hooks/woocommerce/{connection}"),
            WebhookSecret = "an-old-secret",
        });

        store.Churn("customer", 3);
        await store.Webhooks!.WhenSentAsync();

        Assert.Equal((0, 3), (store.Webhooks.Succeeded, store.Webhooks.Failed));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1", org));
    }
}
