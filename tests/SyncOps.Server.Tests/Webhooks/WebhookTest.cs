using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connections;
using SyncOps.Server.Tests.Infrastructure;
using SyncOps.Webhooks;

namespace SyncOps.Server.Tests.Webhooks;

/// <summary>
/// Base for webhook tests: a WooCommerce connection with its webhook secret (created by the same library calls as
/// <c>syncops connection webhooks</c>), deliveries sent as WooCommerce sends them, and the queue drained.
/// </summary>
public abstract class WebhookTest : ServerTest
{
    /// <summary>A new organisation's WooCommerce connection and its webhook secret.</summary>
    protected async Task<(string OrgId, Guid ConnectionId, string Secret)> NewWebhookConnectionAsync()
    {
        var org = NewOrgId();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", org);
        var connection = await Service<ConnectionStore>().AddAsync(
            new NewConnection(org, "woocommerce", "http://127.0.0.1:9", new ConnectionSecrets("ck_test", "cs_test")));
        var endpoint = await Service<WebhookSecrets>().GetOrCreateAsync(connection);
        return (org, connection.Id, endpoint.Secret);
    }

    /// <summary>
    /// POSTs a delivery with the headers WC_Webhook::deliver sets: Topic, Resource, Event, Signature (base64
    /// HMAC-SHA256 of the body), ID, Delivery-ID, Source. <paramref name="signature"/> overrides the correct one.
    /// </summary>
    protected Task<Response> DeliverAsync(
        Guid connection, string secret, string topic, string body, string? deliveryId = null, string? signature = null)
    {
        var dot = topic.IndexOf('.', StringComparison.Ordinal);
        return SendAsync(HttpMethod.Post, $"/hooks/woocommerce/{connection}", body: body, headers:
        [
            ("X-WC-Webhook-Source", "http://127.0.0.1:9/"),
            ("X-WC-Webhook-Topic", topic),
            ("X-WC-Webhook-Resource", topic[..dot]),
            ("X-WC-Webhook-Event", topic[(dot + 1)..]),
            ("X-WC-Webhook-Signature", signature ?? WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), secret)),
            ("X-WC-Webhook-ID", "7"),
            ("X-WC-Webhook-Delivery-ID", deliveryId ?? Guid.NewGuid().ToString("N")),
        ]);
    }

    /// <summary>Applies until none of the organisation's deliveries is queued (the server's own applier may take some).</summary>
    protected async Task ApplyAllAsync(string orgId)
    {
        var applier = Service<WebhookApplier>();
        for (var round = 0; round < 600; round++)
        {
            if (await applier.RunOnceAsync(CancellationToken.None) == 0 &&
                await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1 and status = 'queued'", orgId) == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"deliveries of {orgId} still queued");
    }

    /// <summary>The first row of a query as the superuser.</summary>
    protected async Task<Dictionary<string, object?>> RowAsync(string sql, params object[] parameters)
    {
        await using var connection = await Server.DataSource.OpenConnectionAsync();
        return await Sql.RowAsync(connection, sql, parameters) ?? throw new InvalidOperationException("no row: " + sql);
    }

    protected T Service<T>() where T : notnull => Server.App.Services.GetRequiredService<T>();

    /// <summary>A customer as wc/v3 returns it (reference/fixtures/woocommerce/customer.json, trimmed): GMT dates without offset.</summary>
    protected static string Customer(int id, string email, DateTime modifiedGmt) =>
        $$"""
        {"id":{{id}},"date_created":"2017-03-21T16:09:28","date_created_gmt":"2017-03-21T19:09:28",
         "date_modified":"{{(modifiedGmt.AddHours(-3)).ToString("s", CultureInfo.InvariantCulture)}}",
         "date_modified_gmt":"{{modifiedGmt.ToString("s", CultureInfo.InvariantCulture)}}",
         "email":"{{email}}","first_name":"John","last_name":"Doe","role":"customer","username":"john.doe",
         "billing":{"first_name":"John","last_name":"Doe","company":"","address_1":"969 Market","address_2":"","city":"San Francisco",
                    "state":"CA","postcode":"94103","country":"US","email":"{{email}}","phone":"(555) 555-5555"},
         "is_paying_customer":false,"meta_data":[]}
        """;
}
