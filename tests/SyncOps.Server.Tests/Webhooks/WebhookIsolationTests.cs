using Npgsql;

namespace SyncOps.Server.Tests.Webhooks;

/// <summary>
/// Issue 12: "a member can never create ... a webhook ... that names another organisation's connection". The database
/// refuses it whoever writes: the composite foreign key (org_id, connection_id) for trusted code, and missing grants
/// plus row-level security for members.
/// </summary>
public sealed class WebhookIsolationTests : WebhookTest
{
    [Fact]
    public async Task WebhookRows_NamingAnotherOrganisationsConnection_RefusedEvenForTheSuperuser()
    {
        var (victimOrg, victimConnection, _) = await NewWebhookConnectionAsync();
        var attacker = NewOrgId();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1)", attacker);

        var secret = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "insert into public.webhook_secrets (org_id, connection_id, secret_ciphertext) values ($1, $2, '\\x00')", attacker, victimConnection));
        var delivery = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            """
            insert into public.webhook_deliveries (org_id, connection_id, delivery_id, body_sha256, topic, entity_type, event, body)
            values ($1, $2, 'x', '\x00', 'customer.created', 'customer', 'created', '{}')
            """, attacker, victimConnection));

        Assert.Equal(("23503", "23503"), (secret.SqlState, delivery.SqlState));
        Assert.Equal(0L, await ScalarAsync<long>(
            "select count(*) from public.webhook_deliveries where connection_id = $1 and org_id <> $2", victimConnection, victimOrg));
    }

    [Fact]
    public async Task Member_CannotWriteWebhookRows_NorReadSecrets_NorSeeAnotherOrganisationsDeliveries()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        var (_, strangerToken) = await CreateUserAsync(NewOrgId());
        var (_, memberToken) = await CreateUserAsync(org);
        await DeliverAsync(connection, secret, "customer.created", """{"id":5,"email":"a@example.com"}""");

        var insert = await SendAsync(HttpMethod.Post, "/rest/v1/webhook_deliveries", memberToken,
            $$"""{"org_id":"{{org}}","connection_id":"{{connection}}","delivery_id":"x","body_sha256":"\\x00","topic":"customer.created","entity_type":"customer","event":"created","body":"{}"}""");
        var ciphertext = await SendAsync(HttpMethod.Get, "/rest/v1/webhook_secrets?select=secret_ciphertext", memberToken);
        var mine = await SendAsync(HttpMethod.Get, $"/rest/v1/webhook_deliveries?select=topic,status&org_id=eq.{org}", memberToken);
        var theirs = await SendAsync(HttpMethod.Get, $"/rest/v1/webhook_deliveries?select=topic&org_id=eq.{org}", strangerToken);

        Assert.Equal((403, "42501"), (insert.Status, insert.ErrorCode));
        Assert.Equal((403, "42501"), (ciphertext.Status, ciphertext.ErrorCode));
        Assert.Equal("customer.created", Assert.Single(mine.Json.EnumerateArray()).GetProperty("topic").GetString());
        Assert.Empty(theirs.Json.EnumerateArray());
    }
}
