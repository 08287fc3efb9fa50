namespace SyncOps.Server.Tests.Webhooks;

/// <summary>
/// <c>POST /hooks/woocommerce/{connection}</c> as WooCommerce delivers (woocommerce/woocommerce
/// plugins/woocommerce/includes/class-wc-webhook.php: deliver, deliver_ping, build_payload, generate_signature).
/// </summary>
public sealed class WooCommerceWebhookTests : WebhookTest
{
    private static readonly DateTime s_monday = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Delivery_SignedAndDeliveredTwice_QueuedOnceAndAppliedOnce()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        var body = Customer(25, "john.doe@example.com", s_monday);

        var first = await DeliverAsync(connection, secret, "customer.created", body, deliveryId: "d41d8cd98f00b204");
        var replay = await DeliverAsync(connection, secret, "customer.created", body, deliveryId: "d41d8cd98f00b204");
        await ApplyAllAsync(org);

        Assert.Equal((200, "queued"), (first.Status, first.Json.GetProperty("status").GetString()));
        Assert.Equal((200, "duplicate"), (replay.Status, replay.Json.GetProperty("status").GetString()));
        Assert.Equal("applied", await ScalarAsync<string>("select string_agg(status, ',') from public.webhook_deliveries where org_id = $1", org));
        var row = await RowAsync("select email, city, last_sync_id, source_updated_at, deleted_at from public.customers where org_id = $1 and external_id = '25'", org);
        Assert.Equal("john.doe@example.com", row["email"]);
        Assert.Equal("San Francisco", row["city"]);
        Assert.Equal("webhook", row["last_sync_id"]);
        Assert.Equal(new DateTimeOffset(s_monday), new DateTimeOffset((DateTime)row["source_updated_at"]!));
        Assert.Null(row["deleted_at"]);
    }

    [Fact]
    public async Task Delivery_SameDeliveryIdDifferentBody_BothApplied()
    {
        // The delivery id is wp_hash(webhook id . unix seconds) (WC_Webhook::get_new_delivery_id): two changes sent in
        // the same second share it, so only the same id with the same body is a replay.
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        await DeliverAsync(connection, secret, "customer.created", Customer(31, "a@example.com", s_monday), deliveryId: "same-second");
        await DeliverAsync(connection, secret, "customer.created", Customer(32, "b@example.com", s_monday), deliveryId: "same-second");
        await ApplyAllAsync(org);

        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from public.customers where org_id = $1", org));
    }

    [Fact]
    public async Task Delivery_WrongSignature_401InTheServersErrorShape_NothingQueued()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        var body = Customer(25, "mallory@example.com", s_monday);

        var forged = await DeliverAsync(connection, secret + "x", "customer.updated", body,
            signature: SyncOps.Webhooks.WebhookSignature.Compute(System.Text.Encoding.UTF8.GetBytes(body), "not-the-secret"));
        var unsigned = await DeliverAsync(connection, secret, "customer.updated", body, signature: "");
        var garbage = await DeliverAsync(connection, secret, "customer.updated", body, signature: "!!not base64!!");

        Assert.Equal((401, "SYNCOPS401"), (forged.Status, forged.ErrorCode));
        Assert.Equal("Invalid webhook signature", forged.Json.GetProperty("message").GetString());
        Assert.Equal((401, "SYNCOPS401"), (unsigned.Status, unsigned.ErrorCode));
        Assert.Contains("no X-WC-Webhook-Signature", unsigned.Json.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal((401, "SYNCOPS401"), (garbage.Status, garbage.ErrorCode));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1", org));
    }

    [Fact]
    public async Task Delivery_OlderThanStoredRow_IgnoredAndRowKeepsNewerValues()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        await DeliverAsync(connection, secret, "customer.updated", Customer(40, "new@example.com", s_monday.AddMinutes(5)));
        await ApplyAllAsync(org);
        await DeliverAsync(connection, secret, "customer.updated", Customer(40, "old@example.com", s_monday));
        await ApplyAllAsync(org);

        Assert.Equal("new@example.com", await ScalarAsync<string>("select email from public.customers where org_id = $1 and external_id = '40'", org));
        Assert.Equal("applied,ignored", await ScalarAsync<string>(
            "select string_agg(status, ',' order by id) from public.webhook_deliveries where org_id = $1", org));
    }

    [Fact]
    public async Task Delivery_OlderAndNewerSentTogether_NewerWinsWhateverTheOrder()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        // Sent newest first: whether applied one by one or in one batch, the newest by date_modified_gmt wins.
        await DeliverAsync(connection, secret, "customer.updated", Customer(41, "third@example.com", s_monday.AddMinutes(2)));
        await DeliverAsync(connection, secret, "customer.updated", Customer(41, "first@example.com", s_monday));
        await DeliverAsync(connection, secret, "customer.updated", Customer(41, "second@example.com", s_monday.AddMinutes(1)));
        await ApplyAllAsync(org);

        Assert.Equal("third@example.com", await ScalarAsync<string>("select email from public.customers where org_id = $1 and external_id = '41'", org));
    }

    [Fact]
    public async Task Deleted_MarksDeletedAtKeepsTheRow_OlderUpdateDoesNotRestoreIt()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        await DeliverAsync(connection, secret, "customer.created", Customer(50, "gone@example.com", s_monday));
        await ApplyAllAsync(org);

        // A deletion's payload is only the id (WC_Webhook::build_payload).
        var deleted = await DeliverAsync(connection, secret, "customer.deleted", """{"id":50}""");
        await ApplyAllAsync(org);
        await DeliverAsync(connection, secret, "customer.updated", Customer(50, "late@example.com", s_monday.AddMinutes(1)));
        await ApplyAllAsync(org);

        Assert.Equal(200, deleted.Status);
        var row = await RowAsync("select email, deleted_at from public.customers where org_id = $1 and external_id = '50'", org);
        Assert.Equal("gone@example.com", row["email"]);
        Assert.NotNull(row["deleted_at"]);
    }

    [Fact]
    public async Task Deleted_BeforeTheRecordWasSeen_TombstoneStopsALateCreate()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        await DeliverAsync(connection, secret, "customer.deleted", """{"id":51}""");
        await ApplyAllAsync(org);
        await DeliverAsync(connection, secret, "customer.created", Customer(51, "ghost@example.com", s_monday));
        await ApplyAllAsync(org);

        var row = await RowAsync("select email, deleted_at from public.customers where org_id = $1 and external_id = '51'", org);
        Assert.Null(row["email"]);
        Assert.NotNull(row["deleted_at"]);
    }

    [Fact]
    public async Task Ping_FormEncodedWithoutTopic_Answers200()
    {
        var (org, connection, _) = await NewWebhookConnectionAsync();

        // WC_Webhook::deliver_ping: body "webhook_id=N", no X-WC-* headers; the webhook stays pending unless it gets 200.
        var ping = await SendAsync(HttpMethod.Post, $"/hooks/woocommerce/{connection}", body: "webhook_id=7",
            headers: ("Content-Type", "application/x-www-form-urlencoded"));
        var notPing = await SendAsync(HttpMethod.Post, $"/hooks/woocommerce/{connection}", body: "hello");

        Assert.Equal(200, ping.Status);
        Assert.Equal((400, "SYNCOPS400"), (notPing.Status, notPing.ErrorCode));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1", org));
    }

    [Fact]
    public async Task Delivery_UnknownConnectionOrNoSecret_404()
    {
        var unknown = await SendAsync(HttpMethod.Post, $"/hooks/woocommerce/{Guid.NewGuid()}", body: "webhook_id=7");
        var notAnId = await SendAsync(HttpMethod.Post, "/hooks/woocommerce/shop", body: "webhook_id=7");

        Assert.Equal((404, "SYNCOPS404"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((404, "SYNCOPS404"), (notAnId.Status, notAnId.ErrorCode));
    }

    [Fact]
    public async Task Delivery_TopicNotSynced_AcknowledgedNotQueued()
    {
        // Answering an error would count as a failed delivery, and WooCommerce disables a webhook after more than five.
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        var coupon = await DeliverAsync(connection, secret, "coupon.created", """{"id":720,"code":"free"}""");

        Assert.Equal((200, "ignored"), (coupon.Status, coupon.Json.GetProperty("status").GetString()));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1", org));
    }

    [Fact]
    public async Task Delivery_UnmappablePayload_MarkedFailedWithTheReason()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();

        await DeliverAsync(connection, secret, "product.updated", """{"id":9,"price":"nine euros","date_modified_gmt":"2026-11-30T09:00:00"}""");
        await ApplyAllAsync(org);

        var row = await RowAsync("select status, error from public.webhook_deliveries where org_id = $1", org);
        Assert.Equal("failed", row["status"]);
        Assert.Contains("price", (string)row["error"]!, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.products where org_id = $1", org));
    }
}
