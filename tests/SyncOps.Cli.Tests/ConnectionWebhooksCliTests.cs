using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops connection webhooks CONNECTION</c> through the real command, against the test cluster.</summary>
public sealed class ConnectionWebhooksCliTests : DatabaseTest
{
    private static readonly Dictionary<string, string> s_environment = new()
    {
        ["SYNCOPS_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["SYNCOPS_URL"] = "http://127.0.0.1:54321",
    };

    [Fact]
    public async Task Webhooks_Json_SameSecretEachTime_StoredEncrypted_UrlPerTopic()
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId, "woocommerce");

        var first = await SyncOpsCli.RunAsync(Database.Url, s_environment, "connection", "webhooks", connection.ToString(), "--json",
            "--url", "https://sync.example.com/");
        var second = await SyncOpsCli.RunAsync(Database.Url, s_environment, "connection", "webhooks", connection.ToString(), "--json");

        Assert.True(first.ExitCode == 0, first.StandardError);
        using var one = JsonDocument.Parse(Assert.Single(first.OutputLines));
        using var two = JsonDocument.Parse(Assert.Single(second.OutputLines));
        var secret = one.RootElement.GetProperty("secret").GetString()!;
        Assert.True(secret.Length >= 40, secret);
        Assert.Equal(secret, two.RootElement.GetProperty("secret").GetString());
        Assert.Equal($"https://sync.example.com/hooks/woocommerce/{connection}", one.RootElement.GetProperty("delivery_url").GetString());
        Assert.Equal($"http://127.0.0.1:54321/hooks/woocommerce/{connection}", two.RootElement.GetProperty("delivery_url").GetString());
        Assert.Equal("wp_api_v3", one.RootElement.GetProperty("api_version").GetString());
        var topics = one.RootElement.GetProperty("webhooks").EnumerateArray().Select(w => w.GetProperty("topic").GetString()).ToList();
        Assert.Contains("customer.deleted", topics);
        Assert.Contains("order.updated", topics);
        Assert.Equal(11, topics.Count);
        var stored = await ScalarAsync<byte[]>("select secret_ciphertext from public.webhook_secrets where connection_id = $1", connection);
        Assert.DoesNotContain(secret, Encoding.Latin1.GetString(stored!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_Text_PrintsWhatToEnterInWooCommerce()
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId, "woocommerce");

        var result = await SyncOpsCli.RunAsync(Database.Url, s_environment, "connection", "webhooks", connection.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"Delivery URL: http://127.0.0.1:54321/hooks/woocommerce/{connection}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("API version:  WP REST API Integration v3", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--url", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_OdooConnection_OneLineErrorAndNoSecret()
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId, "odoo");

        var result = await SyncOpsCli.RunAsync(Database.Url, s_environment, "connection", "webhooks", connection.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"syncops: connection {connection} is odoo: only WooCommerce connections receive webhooks", Assert.Single(result.ErrorLines));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.webhook_secrets where connection_id = $1", connection));
    }

    private async Task<Guid> AddConnectionAsync(string orgId, string source)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            insert into public.connections (id, org_id, source_system, name, base_url, database_name, login, secret_ciphertext)
            values ($1, $2, $3, 'shop', 'http://127.0.0.1:9', 'db', 'admin', '\x00')
            """, id, orgId, source);
        return id;
    }
}
