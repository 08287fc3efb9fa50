using System.Security.Cryptography;
using System.Text.Json;
using SyncOps.Alerts;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops alert ...</c> through the real command, against the test cluster and a real HTTP receiver.</summary>
public sealed class AlertCliTests : DatabaseTest
{
    // One key for every run of a test, as an operator's SYNCOPS_SECRET_KEY: add encrypts the channel, test decrypts it.
    private readonly Dictionary<string, string> _environment = new() { ["SYNCOPS_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    [Fact]
    public async Task AddListTestRemove_ExactCommandForms()
    {
        using var receiver = new AlertReceiver();
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId);

        var webhook = await RunAsync("alert", "add", "--org", orgId, "--when", "failed", "--webhook", receiver.Url.AbsoluteUri);
        var slack = await RunAsync("alert", "add", "--org", orgId, "--when", "consecutive_failures", "--count", "3",
            "--connection", connection.ToString(), "--entity", "order", "--slack", "https://hooks.slack.example/services/T0/B0/x");
        Assert.True(webhook.ExitCode == 0, webhook.ToString());
        Assert.True(slack.ExitCode == 0, slack.ToString());
        using var added = JsonDocument.Parse(Assert.Single(webhook.OutputLines));
        var id = added.RootElement.GetProperty("id").GetGuid();
        var secret = added.RootElement.GetProperty("signing_secret").GetString()!;
        Assert.Equal("failed", added.RootElement.GetProperty("condition").GetString());
        using (var second = JsonDocument.Parse(Assert.Single(slack.OutputLines)))
        {
            Assert.False(second.RootElement.TryGetProperty("signing_secret", out _));
            Assert.Equal(3m, second.RootElement.GetProperty("threshold").GetDecimal());
        }

        var list = await RunAsync("alert", "list", "--org", orgId, "--json");
        using (var rows = JsonDocument.Parse(Assert.Single(list.OutputLines)))
        {
            Assert.Equal(["webhook", "slack"], rows.RootElement.EnumerateArray().Select(r => r.GetProperty("channel_kind").GetString()));
        }

        var table = await RunAsync("alert", "list", "--org", orgId);
        Assert.Contains("3 failures in a row", table.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("T0/B0", table.StandardOutput, StringComparison.Ordinal);

        var test = await RunAsync("alert", "test", "--org", orgId, id.ToString());
        Assert.True(test.ExitCode == 0, test.ToString());
        var request = Assert.Single(receiver.Requests);
        var now = new DateTimeOffset(await ScalarAsync<DateTime>("select now()"), TimeSpan.Zero);
        Assert.True(AlertSignature.Verify(secret, request.Signature, request.Body, now, TimeSpan.FromMinutes(5)));
        using (var delivery = JsonDocument.Parse(Assert.Single(test.OutputLines)))
        {
            Assert.Equal(("test", "delivered"), (delivery.RootElement.GetProperty("kind").GetString(), delivery.RootElement.GetProperty("status").GetString()));
        }

        var removed = await RunAsync("alert", "remove", "--org", orgId, id.ToString());
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.alert_rules where org_id = $1", orgId));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.alert_channels where org_id = $1", orgId));
    }

    [Theory]
    [InlineData("--when|errors_above|--webhook|https://hooks.example.com/x", "errors_above needs a percent of failed items from 0 to 99 (--percent)")]
    [InlineData("--when|failed|--webhook|http://hooks.example.com/x", "alert channels need https")]
    [InlineData("--when|failed|--webhook|https://a.example.com|--slack|https://b.example.com", "give exactly one of --webhook URL, --slack URL or --channel ID")]
    [InlineData("--when|on-fire|--slack|https://b.example.com", "unknown alert condition \"on-fire\"")]
    public async Task Add_BadOptions_OneLineNonZeroExit_NothingLeftBehind(string arguments, string message)
    {
        var orgId = TestDatabase.NewOrgId();

        var result = await RunAsync(["alert", "add", "--org", orgId, .. arguments.Split('|')]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrorLines, line => line.StartsWith("syncops:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Empty(result.OutputLines);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.alert_channels where org_id = $1", orgId));
    }

    [Fact]
    public async Task Add_OtherOrganisationsConnection_Refused_ChannelNotKept()
    {
        var orgId = TestDatabase.NewOrgId();
        var theirs = await AddConnectionAsync(TestDatabase.NewOrgId());

        var result = await RunAsync("alert", "add", "--org", orgId, "--when", "failed", "--connection", theirs.ToString(),
            "--slack", "https://hooks.slack.example/services/x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"syncops: connection {theirs} does not exist in organisation \"{orgId}\"", Assert.Single(result.ErrorLines));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.alert_channels where org_id = $1", orgId));
    }

    private Task<CliResult> RunAsync(params string[] arguments) => SyncOpsCli.RunAsync(Database.Url, _environment, arguments);

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id, name) values ($1, $1) on conflict do nothing", orgId);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }
}
