namespace SyncOps.Server.Tests.Webhooks;

/// <summary>
/// The server's own applier loop (WebhookApplierService), with nothing in the test draining the queue: the other webhook
/// tests apply with <see cref="WebhookTest.ApplyAllAsync"/>, which would pass even if the hosted loop never ran.
/// </summary>
public sealed class WebhookApplierLoopTests : WebhookTest
{
    [Fact]
    public async Task Delivery_NothingDrainsTheQueue_TheServersLoopAppliesIt()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        var delivered = await DeliverAsync(connection, secret, "customer.created",
            Customer(41, "loop@example.com", new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(200, delivered.Status);
        // Safety net, not a timing assertion: the loop is woken by the endpoint and polls every 2 s besides.
        string? status = null;
        for (var wait = 0; wait < 300 && status != "applied"; wait++)
        {
            await Task.Delay(100);
            status = await ScalarAsync<string>("select status from public.webhook_deliveries where org_id = $1", org);
        }

        Assert.Equal("applied", status);
        Assert.Equal("loop@example.com", await ScalarAsync<string>(
            "select email from public.customers where org_id = $1 and external_id = '41'", org));
    }
}
