using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary>
/// <c>status</c> flags a running sync as stalled by maintenance's own rule (no report or heartbeat, i.e. no change of
/// <c>updated_at</c>, for <c>--stale-minutes</c>, default 15), and <c>maintenance run</c> then times it out. The only
/// test in this suite that runs maintenance (a database-wide sweep): no other test's sync is silent long enough to be hit.
/// </summary>
[Collection(HousekeepingTests.Name)]
public sealed class StalledStatusTests : DatabaseTest
{
    [Fact]
    public async Task Status_SilentForAnHour_FlaggedStalled_ThenMaintenanceTimesItOut()
    {
        var orgId = TestDatabase.NewOrgId();
        await CreateUserAsync(orgId);
        await SyncRows.InsertAsync(DataSource, orgId, "sync-silent", 10);
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, "sync-silent", TimeSpan.FromHours(1));
        await SyncRows.InsertAsync(DataSource, orgId, "sync-fresh", 10);

        var table = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);
        var json = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId, "--json");
        var maintenance = await SyncOpsCli.RunAsync(Database.Url, "maintenance", "run");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.OutputLines, line => line.Contains("sync-silent", StringComparison.Ordinal) &&
                                                   line.Contains("stalled: no report or heartbeat for 1 h 0 min", StringComparison.Ordinal));
        Assert.DoesNotContain(table.OutputLines, line => line.Contains("sync-fresh", StringComparison.Ordinal) &&
                                                         line.Contains("stalled", StringComparison.Ordinal));
        Assert.Contains("syncops maintenance run", table.StandardError, StringComparison.Ordinal);
        using var rows = JsonDocument.Parse(json.StandardOutput);
        var stalled = rows.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("sync_id").GetString()!, r => r.GetProperty("stalled").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["sync-silent"] = true, ["sync-fresh"] = false }, stalled);
        Assert.Equal(0, maintenance.ExitCode);
        Assert.Contains(maintenance.OutputLines, line => line.StartsWith("stale syncs timed out:", StringComparison.Ordinal) &&
                                                         line.Contains($"{orgId}/sync-silent", StringComparison.Ordinal));
        Assert.Equal("timeout", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1 and sync_id = 'sync-silent'", orgId));
        Assert.Equal("running", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1 and sync_id = 'sync-fresh'", orgId));
    }
}
