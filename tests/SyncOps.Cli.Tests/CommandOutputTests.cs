using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Cli.Tests;

/// <summary>
/// Commands that print JSON print only JSON on stdout (so <c>syncops keys | jq</c> works); what a person should read
/// goes to stderr. Piped tables do not wrap.
/// </summary>
public sealed class CommandOutputTests : DatabaseTest
{
    [Fact]
    public async Task Keys_StdoutIsOneJsonDocument_WithTheConfiguredUrl_SentenceOnStderr()
    {
        var result = await SyncOpsCli.RunAsync(Database.Url,
            new Dictionary<string, string> { ["SYNCOPS_URL"] = "http://127.0.0.1:54999" }, "keys");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("http://127.0.0.1:54999", json.RootElement.GetProperty("url").GetString());
        Assert.StartsWith("eyJ", json.RootElement.GetProperty("anon_key").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("eyJ", json.RootElement.GetProperty("service_role_key").GetString(), StringComparison.Ordinal);
        Assert.Contains("service_role key secret", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_StdoutIsOneJsonDocument_AndTheUserExists()
    {
        var orgId = TestDatabase.NewOrgId();
        var userId = Guid.NewGuid();

        var result = await SyncOpsCli.RunAsync(Database.Url, "user", "add", "--org", orgId, "--id", userId.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(userId, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(orgId, json.RootElement.GetProperty("org_id").GetString());
        Assert.StartsWith("eyJ", json.RootElement.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(orgId, await ScalarAsync<string>("select org_id from syncops_auth.users_extended where id = $1", userId));
    }

    [Fact]
    public async Task ReportFailed_Json_ListsTheFailedSync()
    {
        var orgId = TestDatabase.NewOrgId();
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        await tracker.StartAsync(new StartSync(orgId, "orders", "odoo", 10, SyncId: "sync-broken"));
        await tracker.FailAsync(orgId, "sync-broken", "Odoo said no");

        var result = await SyncOpsCli.RunAsync(Database.Url, "report", "failed", "--org", orgId, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("sync-broken", row.GetProperty("sync_id").GetString());
        Assert.Equal("Odoo said no", row.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Status_Piped_ShowsActiveSyncOnOneUnwrappedLine_AndNotFinishedOnes()
    {
        var orgId = TestDatabase.NewOrgId();
        await CreateUserAsync(orgId);
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        // Longer than 80 columns on its own: a table sized for a terminal would wrap it.
        var longId = "sync-live-" + new string('x', 90);
        await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 100, SyncId: longId));
        await tracker.ReportAsync(orgId, longId, 25, 0);
        await tracker.StartAsync(new StartSync(orgId, "orders", "woocommerce", 100, SyncId: "sync-done"));
        await tracker.CompleteAsync(orgId, "sync-done", 100, 0);

        var result = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, line => line.Contains(longId, StringComparison.Ordinal) &&
                                                    line.Contains("25.0%", StringComparison.Ordinal) &&
                                                    line.Contains("running", StringComparison.Ordinal));
        Assert.DoesNotContain("sync-done", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoActiveSyncs_SaysSo()
    {
        var orgId = TestDatabase.NewOrgId();
        await CreateUserAsync(orgId);

        var result = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"No active syncs in {orgId}", Assert.Single(result.OutputLines));
    }

    [Fact]
    public async Task Status_WaitingToRetry_SaysRateLimitedRetryNofM()
    {
        var orgId = TestDatabase.NewOrgId();
        await CreateUserAsync(orgId);
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        await tracker.StartAsync(new StartSync(orgId, "orders", "woocommerce", 100, SyncId: "sync-waiting"));
        await tracker.RecordRetryAsync(orgId, "sync-waiting", 2, 5, TimeSpan.FromMinutes(10), "rate limited");

        var table = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);
        var json = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId, "--json");

        Assert.Contains("rate limited, retry 2 of 5 in ", table.StandardOutput, StringComparison.Ordinal);
        using var rows = JsonDocument.Parse(json.StandardOutput);
        var row = Assert.Single(rows.RootElement.EnumerateArray());
        Assert.StartsWith("rate limited, retry 2 of 5 in ", row.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.False(row.GetProperty("stalled").GetBoolean());
    }
}
