using SyncOps.Reports;
using SyncOps.Tracking;

namespace SyncOps.Tests.Reports;

/// <summary>The three reports through <see cref="SyncReports"/>.</summary>
public sealed class SyncReportsTests : DatabaseTest
{
    [Fact]
    public async Task Slow_BelowMaxSpeed_ReturnsSlowSyncWithSecondsPerItem()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "slow", 100, startedSecondsAgo: 600);
        await SyncRows.InsertAsync(DataSource, orgId, "fast", 100, startedSecondsAgo: 10);
        await ExecuteAsync("update public.sync_progress set processed_count = 6 where org_id = $1 and sync_id = 'slow'", orgId);
        await ExecuteAsync("update public.sync_progress set processed_count = 50 where org_id = $1 and sync_id = 'fast'", orgId);

        var rows = await new SyncReports(DataSource).SlowAsync(orgId, maxItemsPerMin: 10);

        var slow = Assert.Single(rows);
        Assert.Equal("slow", slow.SyncId);
        Assert.InRange(slow.SpeedItemsPerMin, 0.5m, 0.7m);
        Assert.InRange(slow.SecondsPerItem!.Value, 100m, 110m);
    }

    [Fact]
    public async Task Slow_AllItemsFailed_NoDivisionByZero()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "all-failed", 100, startedSecondsAgo: 600);
        await ExecuteAsync("update public.sync_progress set failed_count = 5 where org_id = $1", orgId);

        var row = Assert.Single(await new SyncReports(DataSource).SlowAsync(orgId));

        Assert.Null(row.SecondsPerItem);
    }

    [Fact]
    public async Task Failed_EndedSyncsAndItemFailures_GroupedWithCounts()
    {
        var orgId = TestDatabase.NewOrgId();
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var partly = await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 3, SyncId: "partly"));
        await tracker.RecordItemFailureAsync(partly, "a", "bad SKU");
        await tracker.RecordItemFailureAsync(partly, "b", "bad SKU");
        await tracker.CompleteAsync(orgId, "partly", 1, 2);
        await tracker.StartAsync(new StartSync(orgId, "orders", "odoo", 3, SyncId: "broken"));
        await tracker.FailAsync(orgId, "broken", "timeout talking to Odoo");

        var rows = await new SyncReports(DataSource).FailedAsync(orgId);

        Assert.Equal(2, rows.Single(r => r.ErrorMessage == "bad SKU").ErrorCount);
        Assert.Equal(SyncStatus.Failed, rows.Single(r => r.SyncId == "broken").Status);
        Assert.Equal(3, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.LastSeenAt >= p.Second.LastSeenAt), "newest first");
    }

    [Fact]
    public async Task Trends_CompletedSyncsPerEntity_CountsOnlySyncEndsNotItemRows()
    {
        var orgId = TestDatabase.NewOrgId();
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var first = await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 10, SyncId: "p1"));
        await tracker.RecordItemFailureAsync(first, "x", "broken");
        await tracker.CompleteAsync(orgId, "p1", 9, 1);
        await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 10, SyncId: "p2"));
        await tracker.CompleteAsync(orgId, "p2", 10, 0);
        await tracker.StartAsync(new StartSync(orgId, "orders", "odoo", 10, SyncId: "o1"));
        await tracker.FailAsync(orgId, "o1", "no");

        var rows = await new SyncReports(DataSource).TrendsAsync(orgId);

        var products = Assert.Single(rows);
        Assert.Equal("products", products.EntityType);
        Assert.Equal(2, products.SyncCount);
        Assert.Equal(19, products.TotalRecords);
        Assert.NotNull(products.AvgDurationSec);
    }
}
