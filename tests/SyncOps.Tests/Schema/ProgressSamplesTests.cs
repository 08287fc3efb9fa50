namespace SyncOps.Tests.Schema;

/// <summary>
/// sync_progress_samples (migration 0151): the chart's history, kept by the progress trigger at most every 5 s (and
/// every 1/200 of the elapsed time), plus the first and the final state; read-only to members, per organisation.
/// </summary>
public sealed class ProgressSamplesTests : DatabaseTest
{
    [Fact]
    public async Task Start_ThenReportsInQuickSuccession_OneSampleUntilTheSpacingHasPassed()
    {
        var org = TestDatabase.NewOrgId();
        await StartAsync(org, "sampled");
        await ReportAsync(org, "sampled", 10);
        await ReportAsync(org, "sampled", 20);

        Assert.Equal(1L, await CountAsync(org));

        // The last sample 20 s in the past (the spacing is 5 s here: 100 s elapsed / 200 is less): the next report is one.
        await ExecuteAsync("update public.sync_progress_samples set sampled_at = sampled_at - interval '20 seconds' where org_id = $1", org);
        await Task.Delay(250); // the trigger's rate samples are at least 200 ms apart
        await ReportAsync(org, "sampled", 30);

        Assert.Equal(2L, await CountAsync(org));
        Assert.Equal(30, await ScalarAsync<int>(
            "select done from public.sync_progress_samples where org_id = $1 order by sampled_at desc limit 1", org));
    }

    [Fact]
    public async Task LongSync_SpacingGrowsWithElapsedTime()
    {
        var org = TestDatabase.NewOrgId();
        // Started 4,000 s ago: samples at least 20 s apart; one 15 s old blocks the next, one 25 s old does not.
        await ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
            values ($1, 'long', 'products', 1000, now() - interval '4000 seconds')
            """, org);
        await ExecuteAsync("update public.sync_progress_samples set sampled_at = now() - interval '15 seconds' where org_id = $1", org);
        await ReportAsync(org, "long", 10);
        Assert.Equal(1L, await CountAsync(org));

        await ExecuteAsync("update public.sync_progress_samples set sampled_at = now() - interval '25 seconds' where org_id = $1", org);
        await Task.Delay(250);
        await ReportAsync(org, "long", 20);
        Assert.Equal(2L, await CountAsync(org));
    }

    [Fact]
    public async Task Completion_AlwaysSampled_FinishedSyncNeverAgain()
    {
        var org = TestDatabase.NewOrgId();
        await StartAsync(org, "ending");

        await ReportAsync(org, "ending", 100);
        await ExecuteAsync("update public.sync_progress set metadata = '{\"note\": 1}' where org_id = $1", org);

        Assert.Equal(2L, await CountAsync(org));
        Assert.Equal("completed", await ScalarAsync<string>(
            "select status from public.sync_progress_samples where org_id = $1 order by sampled_at desc limit 1", org));
    }

    [Fact]
    public async Task Heartbeat_TakesNoSample()
    {
        var org = TestDatabase.NewOrgId();
        await StartAsync(org, "alive");
        await ExecuteAsync("update public.sync_progress_samples set sampled_at = sampled_at - interval '1 minute' where org_id = $1", org);

        await ExecuteAsync("update public.sync_progress set heartbeat_at = now() where org_id = $1", org);

        Assert.Equal(1L, await CountAsync(org));
    }

    [Fact]
    public async Task Members_ReadTheirOrganisationsSamplesOnly_NeverWrite()
    {
        var mine = TestDatabase.NewOrgId();
        var theirs = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(mine);
        await StartAsync(mine, "mine");
        await StartAsync(theirs, "theirs");

        var visible = await AsRoleAsync("authenticated", userId, connection => Sql.ScalarAsync<string[]>(connection,
            "select array_agg(distinct org_id) from public.sync_progress_samples where org_id = any ($1)", (object)new[] { mine, theirs }));
        var insert = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => AsRoleAsync("authenticated", userId, connection =>
            Sql.ExecuteAsync(connection,
                "insert into public.sync_progress_samples (org_id, sync_id, sampled_at, status, done, total_items) values ($1, 'mine', now(), 'running', 1, 10)",
                mine)));

        Assert.Equal([mine], visible!);
        Assert.Equal("42501", insert.SqlState);
    }

    [Fact]
    public async Task DeletingTheSync_DeletesItsSamples()
    {
        var org = TestDatabase.NewOrgId();
        await StartAsync(org, "gone");

        await ExecuteAsync("delete from public.sync_progress where org_id = $1", org);

        Assert.Equal(0L, await CountAsync(org));
    }

    private Task<int> StartAsync(string org, string syncId) => ExecuteAsync(
        """
        insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
        values ($1, $2, 'products', 100, now() - interval '100 seconds')
        """, org, syncId);

    private Task<int> ReportAsync(string org, string syncId, int processed) => ExecuteAsync(
        "update public.sync_progress set processed_count = $3 where org_id = $1 and sync_id = $2", org, syncId, processed);

    private Task<long> CountAsync(string org) =>
        ScalarAsync<long>("select count(*) from public.sync_progress_samples where org_id = $1", org);
}
