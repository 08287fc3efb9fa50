
namespace SyncOps.Tests.Schema;

/// <summary>The fields the guide says the database calculates (elapsed, speed, ETA), whoever writes the row.</summary>
public sealed class SyncProgressDerivedFieldsTests : DatabaseTest
{
    [Fact]
    public async Task Update_GuideExample2503ItemsIn312Seconds_SpeedAbout481PerMinute()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 10_000, startedSecondsAgo: 312);

        await ExecuteAsync(
            "update public.sync_progress set processed_count = 2500, failed_count = 3 where org_id = $1 and sync_id = 'sync-1'", orgId);

        var row = await RowAsync(
            "select elapsed_seconds, speed_items_per_min, eta_seconds, status from public.sync_progress where org_id = $1", orgId);
        // 2,503 items * 60 / 312 s = 481.3; a slow machine adds a second or two before the trigger runs.
        Assert.InRange((decimal)row["speed_items_per_min"]!, 475m, 481.4m);
        Assert.InRange((int)row["elapsed_seconds"]!, 312, 320);
        Assert.Equal("running", row["status"]);
    }

    [Fact]
    public async Task Update_WhileRunning_EtaIsPresentAndCloseToRemainingOverRate()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 10_000, startedSecondsAgo: 312);

        await ExecuteAsync("update public.sync_progress set processed_count = 2503 where org_id = $1", orgId);

        var eta = await ScalarAsync<int?>("select eta_seconds from public.sync_progress where org_id = $1", orgId);
        // Remaining 7,497 items at ~8 items/s is ~935 s; any sane estimate is in the same order of magnitude.
        Assert.NotNull(eta);
        Assert.InRange(eta.Value, 300, 3_000);
    }

    [Fact]
    public async Task Update_ReachingTotal_EtaZeroAndCompletedAtSet()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100, startedSecondsAgo: 60);

        await ExecuteAsync("update public.sync_progress set processed_count = 100 where org_id = $1", orgId);

        var row = await RowAsync("select eta_seconds, completed_at, status from public.sync_progress where org_id = $1", orgId);
        Assert.Equal(0, row["eta_seconds"]);
        Assert.NotNull(row["completed_at"]);
        Assert.Equal("completed", row["status"]);
    }

    [Fact]
    public async Task Update_ClientWritesDerivedFields_DatabaseOverwritesThem()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 1_000, startedSecondsAgo: 120);

        await ExecuteAsync(
            """
            update public.sync_progress
            set processed_count = 240, elapsed_seconds = 99999, speed_items_per_min = 99999, eta_seconds = 1,
                completed_at = now(), started_at = now()
            where org_id = $1
            """, orgId);

        var row = await RowAsync(
            "select elapsed_seconds, speed_items_per_min, eta_seconds, completed_at, started_at < now() - interval '100 seconds' as kept_start from public.sync_progress where org_id = $1",
            orgId);
        Assert.InRange((int)row["elapsed_seconds"]!, 120, 130);
        Assert.InRange((decimal)row["speed_items_per_min"]!, 100m, 120m);
        Assert.NotEqual(1, row["eta_seconds"]);
        Assert.Null(row["completed_at"]);
        Assert.Equal(true, row["kept_start"]);
    }

    [Fact]
    public async Task Insert_ClientWritesDerivedFields_DatabaseOverwritesThem()
    {
        var orgId = TestDatabase.NewOrgId();

        await ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, total_items, elapsed_seconds, speed_items_per_min, eta_seconds)
            values ($1, 'sync-1', 'products', 50, 777, 777, 777)
            """, orgId);

        var row = await RowAsync(
            "select elapsed_seconds, speed_items_per_min, eta_seconds, status from public.sync_progress where org_id = $1", orgId);
        Assert.Equal(0, row["elapsed_seconds"]);
        Assert.Equal(0m, row["speed_items_per_min"]);
        Assert.Null(row["eta_seconds"]);
        Assert.Equal("running", row["status"]);
    }
}
