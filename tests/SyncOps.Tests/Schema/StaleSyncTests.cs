using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Schema;

/// <summary>timeout_stale_syncs: a sync that stopped reporting ends as 'timeout' and is logged once.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class StaleSyncTests : DatabaseTest
{
    [Fact]
    public async Task TimeoutStaleSyncs_OldUpdatedAt_MarksTimeoutAndLogsOnce()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "stale", 100);
        await SyncRows.InsertAsync(DataSource, orgId, "fresh", 100);
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, "stale", TimeSpan.FromHours(1));

        var timedOut = await ScalarAsync<string[]>(
            "select array_agg(sync_id) from public.timeout_stale_syncs(interval '15 minutes') where org_id = $1", orgId);

        Assert.Equal(["stale"], timedOut!);
        var stale = await RowAsync("select status, error_message, completed_at from public.sync_progress where org_id = $1 and sync_id = 'stale'", orgId);
        Assert.Equal("timeout", stale["status"]);
        Assert.NotNull(stale["completed_at"]);
        Assert.Contains("no progress report", (string)stale["error_message"]!, StringComparison.Ordinal);
        Assert.Equal("running", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1 and sync_id = 'fresh'", orgId));
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "stale", "sync_timeout"));
        Assert.Equal(0L, await SyncRows.LogCountAsync(DataSource, orgId, "fresh"));
    }

    [Fact]
    public async Task TimeoutStaleSyncs_RunTwice_SecondRunFindsNothingMore()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "stale", 100);
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, "stale", TimeSpan.FromHours(2));
        await ExecuteAsync("select count(*) from public.timeout_stale_syncs(interval '1 hour')");

        var again = await ScalarAsync<long>(
            "select count(*) from public.timeout_stale_syncs(interval '1 hour') where org_id = $1", orgId);

        Assert.Equal(0L, again);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "stale"));
    }
}
