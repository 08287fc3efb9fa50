using Npgsql;
using NpgsqlTypes;

namespace SyncOps.Tests.Schema;

/// <summary>
/// The ETA estimator behind sync_progress.eta_seconds: the pure functions the trigger calls, replayed with scripted
/// report series (the trigger itself reads the wall clock, so a speed change can only be scripted through them).
/// </summary>
public sealed class EtaEstimatorTests : DatabaseTest
{
    [Fact]
    public async Task Eta_SpeedHalvesMidSync_FollowsTheNewSpeedWhileTheAverageLags()
    {
        // 60 items/s for 10 minutes, then a rate limit halves it to 30/s; one report per second, as the SDK writes.
        const int total = 100_000;
        double? rate = null;
        var done = 0;
        var eta = 0;
        for (var second = 1; second <= 900; second++)
        {
            var items = second <= 600 ? 60 : 30;
            done += items;
            rate = await QueryAsync<double>(
                "select public.sync_progress_recent_rate($1, 1, $2, $3)",
                Nullable(rate), items, (double)second);
            eta = await QueryAsync<int>(
                "select public.sync_progress_eta_seconds('running', $1, $2, $3, $4, 0, 0, null)",
                total, done, rate.Value, (double)second);
        }

        var trueRemaining = (total - done) / 30.0;
        var averageRemaining = (total - done) / (done / 900.0);
        Assert.InRange(eta, trueRemaining * 0.95, trueRemaining * 1.05);
        // The naive remaining / average estimate is still far too optimistic here: that is what the estimator fixes.
        Assert.True(averageRemaining < trueRemaining * 0.8, $"average-based ETA {averageRemaining:N0} s");
    }

    [Fact]
    public async Task RecentRate_ProgressStops_DecaysTowardZeroSoEtaGrows()
    {
        var steady = await QueryAsync<double>("select public.sync_progress_recent_rate(50, 5, 0, 600)");
        var longer = await QueryAsync<double>("select public.sync_progress_recent_rate(50, 60, 0, 600)");

        Assert.InRange(steady, 0.01, 49.99);
        Assert.True(longer < steady, $"after 60 s without items: {longer}, after 5 s: {steady}");
    }

    [Theory]
    [InlineData("running", 1000, 400, 2.0, 400.0, 0.0, 0, null, 300)] // recent rate far from the average: 600 items at 2/s
    [InlineData("running", 1000, 400, 1.05, 400.0, 0.0, 0, null, 593)] // within 10 %: mostly the average (1/s)
    [InlineData("running", 1000, 400, null, 400.0, 0.0, 0, null, 600)] // no sample yet: the average, 600 items at 1/s
    [InlineData("running", 1000, 400, 2.0, 400.0, 100.0, 0, 30.0, 330)] // waiting 30 s more, then 300 s of work
    [InlineData("running", 1000, 400, 2.0, 400.0, 100.0, 1, 30.0, 349)] // one wait so far: a quarter of its share ahead
    [InlineData("running", 1000, 400, 2.0, 400.0, 100.0, 2, 30.0, 405)] // a rhythm of waits: a quarter of the work again
    [InlineData("completed", 1000, 1000, 2.0, 400.0, 0.0, 0, null, 0)]
    [InlineData("cancelled", 1000, 400, 2.0, 400.0, 0.0, 0, null, null)]
    [InlineData("running", 1000, 0, null, 10.0, 0.0, 0, null, null)] // nothing done yet: no estimate, not a division by zero
    [InlineData("running", 1000, 0, null, 0.0, 5.0, 1, 60.0, null)] // waited from the start: nothing to measure a rate on
    public async Task EtaSeconds_ForStatusRatesAndWaits_ReturnsExpected(
        string status, int total, int done, double? recentRate, double workingSeconds, double waitedSeconds, int waitCount,
        double? waitLeftSeconds, int? expected)
    {
        var eta = await QueryAsync<int?>(
            "select public.sync_progress_eta_seconds($1, $2, $3, $4, $5, $6, $7, $8)",
            status, total, done, Nullable(recentRate), workingSeconds, waitedSeconds, waitCount, Nullable(waitLeftSeconds));

        Assert.Equal(expected, eta);
    }

    [Fact]
    public async Task Trigger_OnProgressUpdate_StoresWhatTheEtaFunctionComputes()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
            values ($1, 'eta-trigger', 'products', 10000, now() - interval '100 seconds')
            """, orgId);
        await ExecuteAsync(
            "update public.sync_progress set processed_count = 2500 where org_id = $1 and sync_id = 'eta-trigger'", orgId);

        await using var command = DataSource.CreateCommand(
            """
            select eta_seconds, public.sync_progress_eta_seconds(status, total_items, processed_count + failed_count,
                       recent_items_per_sec, extract(epoch from updated_at - started_at) - waited_seconds,
                       waited_seconds, wait_count, extract(epoch from waiting_until - updated_at))
            from public.sync_progress where org_id = $1 and sync_id = 'eta-trigger'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        // 7,500 items left at about 25 items/s.
        Assert.InRange(reader.GetInt32(0), 250, 350);
        Assert.Equal(reader.GetInt32(1), reader.GetInt32(0));
    }

    [Fact]
    public async Task Trigger_CountsGoDown_RestartsTheRecentRateInsteadOfGoingNegative()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
            values ($1, 'eta-reset', 'products', 10000, now() - interval '100 seconds')
            """, orgId);
        // Reports closer than 200 ms to the last sample are merged into the next one: let this one become a sample.
        await Task.Delay(300);
        await ExecuteAsync(
            "update public.sync_progress set processed_count = 2500 where org_id = $1 and sync_id = 'eta-reset'", orgId);

        await ExecuteAsync(
            "update public.sync_progress set processed_count = 100 where org_id = $1 and sync_id = 'eta-reset'", orgId);

        Assert.Null(await ScalarAsync<double?>(
            "select recent_items_per_sec from public.sync_progress where org_id = $1 and sync_id = 'eta-reset'", orgId));
        // Until a new sample exists the ETA falls back to the average: 9,900 left at about 1 item/s.
        Assert.InRange(await ScalarAsync<int>(
            "select eta_seconds from public.sync_progress where org_id = $1 and sync_id = 'eta-reset'", orgId), 9000, 11000);
    }

    // Like DatabaseTest.ScalarAsync, but takes ready-made parameters too: a null double needs its type spelled out.
    private async Task<T> QueryAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private static NpgsqlParameter Nullable(double? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Double, Value = value is null ? DBNull.Value : value.Value };
}
