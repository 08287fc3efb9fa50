using System.Globalization;
using SyncOps.Operations;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Operations;

/// <summary>One maintenance run: partitions ahead, retention, expired cache, stale syncs.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class MaintenanceRunnerTests : DatabaseTest
{
    [Fact]
    public async Task RunOnce_DoesEveryStepAndReportsIt()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var old = Partition(now.AddMonths(-40));
        await ExecuteAsync("select public.ensure_activity_log_partition($1)", DateOnly.FromDateTime(now.AddMonths(-40)));
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "stale", 10);
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, "stale", TimeSpan.FromHours(3));
        await ExecuteAsync(
            "insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json, created_at, expires_at) values ($1, 'products', 'old', '{}', now() - interval '2 hours', now() - interval '1 hour')",
            orgId);
        var ahead = Partition(now.AddMonths(7));

        var report = await new MaintenanceRunner(DataSource).RunOnceAsync(new MaintenanceOptions { MonthsAhead = 7, RetentionMonths = 12 });

        Assert.Contains(ahead, report.PartitionsCreated);
        Assert.Contains(old, report.PartitionsDropped);
        Assert.True(report.PreviewCacheRowsDeleted >= 1, $"deleted {report.PreviewCacheRowsDeleted}");
        Assert.Contains($"{orgId}/stale", report.SyncsTimedOut);
        Assert.Equal("timeout", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1", orgId));
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "stale", "sync_timeout"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_preview_cache where org_id = $1", orgId));
        Assert.NotNull(await ScalarAsync<string>("select to_regclass($1)::text", "public." + ahead));
    }

    [Fact]
    public async Task RunOnce_Twice_SecondRunCreatesAndDropsNothing()
    {
        var runner = new MaintenanceRunner(DataSource);
        await runner.RunOnceAsync();

        var again = await runner.RunOnceAsync();

        Assert.Empty(again.PartitionsCreated);
        Assert.Empty(again.PartitionsDropped);
    }

    private static string Partition(DateTime month) => "sync_activity_log_" + month.ToString("yyyy_MM", CultureInfo.InvariantCulture);
}
