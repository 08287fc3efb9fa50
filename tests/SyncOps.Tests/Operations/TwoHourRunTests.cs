using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SyncOps.Alerts;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Database;
using SyncOps.Engine;
using SyncOps.Scheduling;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Operations;

/// <summary>
/// Issue 12's two-hour run, compressed: 50 organisations, each with a schedule every 15 minutes against simulated stores
/// (one flaky, one down for 35 minutes, one deleting records and full-scanned every 30 minutes), driven minute by minute
/// by the real scheduler on a fake clock and the real worker and engine against real HTTP stores. In a database of its
/// own: the scheduler and the workers take every organisation's schedules and jobs, as they must in production. The
/// down store's organisation and a healthy one have a "failed" alert to a real HTTP receiver, evaluated every minute.
/// </summary>
public sealed class TwoHourRunTests : EngineTest
{
    private const int Organisations = 50;
    private const int Minutes = 120;
    private const int Customers = 30;
    private static readonly DateTimeOffset s_start = new(2026, 3, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_every = TimeSpan.FromMinutes(15);
    private static readonly (int From, int To) s_outage = (20, 55);
    private static readonly Dictionary<int, int[]> s_deletions = new() { [25] = [0, 1, 2], [70] = [10] };

    [Fact]
    public async Task TwoHours_FiftyOrganisations_EveryRunOnceDownStoreCaughtUpDeletionsMarkedNoneLeftRunningAlertedOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await TestDatabase.GetAsync()).CreateEmptyDatabaseAsync());
        await new Migrator(dataSource).MigrateAsync();
        // A transient failure is retried after 5 minutes times its attempts: a long outage outlasts the first retries.
        await using var services = BuildServices(dataSource, FastHttp, FastEngine with { JobRetryDelay = TimeSpan.FromMinutes(5), MaxJobAttempts = 5 });
        var clock = new FakeTimeProvider(s_start);
        var run = await SetUpAsync(services, clock);
        using var receiver = new AlertReceiver();
        var healthyWatched = run.Healthy.First();
        await AddFailedAlertAsync(services, receiver, run.Down);
        await AddFailedAlertAsync(services, receiver, healthyWatched);

        for (var minute = 0; minute < Minutes; minute++)
        {
            await run.ChangeStoresAsync(dataSource, minute);
            await run.Scheduler.RunOnceAsync();
            while (await services.GetRequiredService<SyncWorker>().RunOnceAsync(CancellationToken.None))
            {
            }

            Assert.NotNull(await services.GetRequiredService<AlertEvaluator>().RunOnceAsync());

            // The queue's back-off (not_before) is database time; it moves with the simulated minute.
            await Sql.ExecuteAsync(dataSource, "update public.sync_jobs set not_before = not_before - interval '1 minute' where status = 'queued'");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var jobs = await JobsAsync(dataSource);
        AssertEveryRunHappenedOnce(run, jobs);
        AssertDownStoreRetriedAndCaughtUp(run, jobs);
        await AssertDeletionsMarkedAsync(dataSource, run);
        await AssertNothingLeftRunningAsync(dataSource);
        AssertEachIncidentAlertedOnceAndResolvedOnce(receiver, run.Down, healthyWatched);
    }

    // The outage fails the down store's syncs (one incident: its stream's latest sync failed) until a retry catches up
    // (resolved); the healthy organisation never has one. Exactly one alert and one resolve, in that order.
    private static void AssertEachIncidentAlertedOnceAndResolvedOnce(AlertReceiver receiver, string down, string healthy)
    {
        var messages = receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(m => (Org: m.GetProperty("org_id").GetString(), Type: m.GetProperty("type").GetString())).ToList();
        Assert.Equal([(down, "alert"), (down, "resolve")], messages);
        Assert.DoesNotContain(messages, m => m.Org == healthy);
    }

    private static async Task AddFailedAlertAsync(IServiceProvider services, AlertReceiver receiver, string org)
    {
        var (channel, _) = await services.GetRequiredService<AlertChannels>()
            .AddAsync(new NewAlertChannel(org, AlertChannels.Webhook, receiver.Url.AbsoluteUri));
        await services.GetRequiredService<AlertRules>().AddAsync(new NewAlertRule(org, channel.Id, AlertConditions.Failed));
    }

    private static void AssertEveryRunHappenedOnce(RunSetUp run, List<JobRow> jobs)
    {
        // Ticks at 0, 15, ..., 105 minutes (plus each schedule's jitter, under 30 s): 8 in two hours, each one job.
        foreach (var org in run.Healthy.Append(run.Flaky).Append(run.Deleting))
        {
            var mine = jobs.Where(j => j.OrgId == org).ToList();
            Assert.True(mine.Count == 8, $"{org}: {mine.Count} jobs");
            Assert.All(mine, j => Assert.True(j.Status == "completed", $"{org} job {j.Id}: {j.Status} {j.Error}"));
        }

        Assert.Equal(Organisations - 3, run.Healthy.Count);
        Assert.All(jobs.Where(j => run.Healthy.Contains(j.OrgId)), j => Assert.Equal(1, j.Attempts));
    }

    private static void AssertDownStoreRetriedAndCaughtUp(RunSetUp run, List<JobRow> jobs)
    {
        var down = jobs.Where(j => j.OrgId == run.Down).ToList();
        // The run that met the outage was retried until the store answered; the ticks it spanned were served by it.
        Assert.All(down, j => Assert.True(j.Status == "completed", $"job {j.Id}: {j.Status} {j.Error}"));
        Assert.Contains(down, j => j.Attempts > 1);
        Assert.InRange(down.Count, 5, 7);
        Assert.Equal(1, down[^1].Attempts);
    }

    private static async Task AssertDeletionsMarkedAsync(NpgsqlDataSource dataSource, RunSetUp run)
    {
        var expected = s_deletions.Values.SelectMany(i => i).Select(i => run.DeletingStore.Catalog.Customers.IdOf(i).ToString(CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal).ToList();
        var marked = await dataSource.CreateCommand($"select string_agg(external_id, ',' order by external_id collate \"C\") from public.customers where org_id = '{run.Deleting}' and deleted_at is not null")
            .ExecuteScalarAsync();
        Assert.Equal(string.Join(',', expected), marked);
        Assert.Equal((long)Customers, await Sql.ScalarAsync<long>(dataSource, "select count(*) from public.customers where org_id = $1", run.Deleting));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(dataSource, "select count(*) from public.customers where org_id <> $1 and deleted_at is not null", run.Deleting));
    }

    private static async Task AssertNothingLeftRunningAsync(NpgsqlDataSource dataSource)
    {
        Assert.Equal(0L, await Sql.ScalarAsync<long>(dataSource, "select count(*) from public.sync_progress where status = 'running'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(dataSource, "select count(*) from public.sync_jobs where status in ('queued', 'running')"));
        Assert.Equal((long)Organisations * Customers, await Sql.ScalarAsync<long>(dataSource, "select count(*) from public.customers"));
    }

    private async Task<RunSetUp> SetUpAsync(IServiceProvider services, FakeTimeProvider clock)
    {
        var healthyStore = await StartWooAsync(new SimulatorOptions { Customers = Customers, Seed = 1 });
        var flakyStore = await StartWooAsync(new SimulatorOptions
        {
            Customers = Customers, Seed = 2, FaultRate = 0.2, Faults = [FaultKind.TooManyRequests, FaultKind.ServiceUnavailable],
        });
        var downStore = await StartWooAsync(new SimulatorOptions { Customers = Customers, Seed = 3 });
        var deletingStore = await StartWooAsync(new SimulatorOptions { Customers = Customers, Seed = 4 });
        var schedules = new SyncSchedules(services.GetRequiredService<NpgsqlDataSource>(), clock);
        var connections = services.GetRequiredService<ConnectionStore>();
        var orgs = new List<(string Org, Guid Connection)>();
        for (var i = 0; i < Organisations; i++)
        {
            var store = i switch { 0 => flakyStore, 1 => downStore, 2 => deletingStore, _ => healthyStore };
            var org = TestDatabase.NewOrgId();
            var connection = await connections.AddAsync(new NewConnection(org, "woocommerce", store.BaseUrl,
                new ConnectionSecrets(store.Options.ConsumerKey, store.Options.ConsumerSecret), "shop"));
            await schedules.AddAsync(new NewSchedule(org, connection.Id, SyncEntity.Customer,
                ScheduleRule.Create(s_every, null, fullScanCron: store == deletingStore ? "*/30 * * * *" : null)));
            orgs.Add((org, connection.Id));
        }

        return new RunSetUp(
            new Scheduler(schedules, services.GetRequiredService<SyncJobs>(), clock, NullLogger<Scheduler>.Instance),
            orgs.Skip(3).Select(o => o.Org).ToHashSet(StringComparer.Ordinal), orgs[0].Org, orgs[1].Org, orgs[2].Org,
            orgs[1].Connection, downStore, deletingStore);
    }

    private static async Task<List<JobRow>> JobsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select id, org_id, status, attempts, error_message from public.sync_jobs order by id");
        return await command.ReadAllAsync(r => new JobRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4)), CancellationToken.None);
    }

    private sealed record JobRow(long Id, string OrgId, string Status, int Attempts, string? Error);

    private sealed record RunSetUp(
        Scheduler Scheduler, HashSet<string> Healthy, string Flaky, string Down, string Deleting, Guid DownConnection,
        WooCommerceSimulator DownStore, WooCommerceSimulator DeletingStore)
    {
        /// <summary>What happens to the stores at this minute: the down store goes away and comes back; records are deleted.</summary>
        public async Task ChangeStoresAsync(NpgsqlDataSource dataSource, int minute)
        {
            if (minute == s_outage.From || minute == s_outage.To)
            {
                // Port 1 on the loopback refuses connections: the store is unreachable, a transient failure.
                await Sql.ExecuteAsync(dataSource, "update public.connections set base_url = $1 where id = $2",
                    minute == s_outage.From ? "http://127.0.0.1:1" : DownStore.BaseUrl, DownConnection);
            }

            foreach (var index in s_deletions.GetValueOrDefault(minute, []))
            {
                Assert.True(DeletingStore.Catalog.Customers.Delete(index));
            }
        }
    }
}
