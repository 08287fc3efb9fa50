using System.Text.Json;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Cli;

/// <summary>The built CLI against the test cluster. In the housekeeping collection because it runs maintenance.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class CliTests : DatabaseTest
{
    [Fact]
    public async Task UserAdd_NewOrganisation_LastLineIsJsonWithIdAndOrgId()
    {
        var orgId = TestDatabase.NewOrgId();
        var userId = Guid.NewGuid();

        var result = await SyncOpsCli.RunAsync(Database.Url, "user", "add", "--org", orgId, "--id", userId.ToString());

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.OutputLines[^1]);
        Assert.Equal(userId, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(orgId, json.RootElement.GetProperty("org_id").GetString());
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
        using var json = JsonDocument.Parse(result.OutputLines[^1]);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("sync-broken", row.GetProperty("sync_id").GetString());
        Assert.Equal("Odoo said no", row.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Status_Org_ShowsActiveSyncAndNotFinishedOnes()
    {
        var orgId = TestDatabase.NewOrgId();
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 100, SyncId: "sync-live"));
        await tracker.ReportAsync(orgId, "sync-live", 25, 0);
        await tracker.StartAsync(new StartSync(orgId, "orders", "woocommerce", 100, SyncId: "sync-done"));
        await tracker.CompleteAsync(orgId, "sync-done", 100, 0);

        var table = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);
        var json = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId, "--json");

        Assert.Equal(0, table.ExitCode);
        // Piped output is 80 columns wide, so the table wraps long cells; the bar's percentage stays whole.
        Assert.Contains("25.0%", table.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("sync-don", table.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var rows = JsonDocument.Parse(json.OutputLines[^1]);
        var row = Assert.Single(rows.RootElement.EnumerateArray());
        Assert.Equal("sync-live", row.GetProperty("sync_id").GetString());
        Assert.Equal(25, row.GetProperty("processed_count").GetInt32());
    }

    [Fact]
    public async Task MaintenanceRun_StaleSync_TimedOutAndReported()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-stale", 10);
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, "sync-stale", TimeSpan.FromHours(1));

        var result = await SyncOpsCli.RunAsync(Database.Url, "maintenance", "run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutputLines, line => line.StartsWith("partitions created:", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("stale syncs timed out:", StringComparison.Ordinal) &&
                                                    line.Contains($"{orgId}/sync-stale", StringComparison.Ordinal));
        Assert.Equal("timeout", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1", orgId));
    }

    [Theory]
    [InlineData("report", "slow")]
    [InlineData("report", "trends", "--org", "org-x", "--days", "0")]
    [InlineData("maintenance", "run", "--retention-months", "0")]
    [InlineData("user", "add", "--org", "org-x", "--id", "not-a-uuid")]
    public async Task BadInput_ExitsNonZeroWithOneLineOnStderr(params string[] arguments)
    {
        var result = await SyncOpsCli.RunAsync(Database.Url, arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
