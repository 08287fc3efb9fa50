using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SyncOps.Bench.Infrastructure;
using SyncOps.Engine;
using SyncOps.Scheduling;

namespace SyncOps.Bench.Operations;

/// <summary>
/// Scheduler overhead with N schedules (default 10,000), every 15 minutes, all on the same :00 grid: the real
/// <see cref="Scheduler"/> on a stepped clock, one pass every 10 s (as <c>serve</c>) for 30 simulated minutes. Two ways
/// side by side: no jitter (every schedule due in the same second) and the default 30 s jitter. Measured per way: the
/// first pass (plans every schedule and queues its first run), the passes that queue a later tick's runs (time to
/// dispatch them all), idle passes, and the database load per simulated minute
/// (time the passes kept the database busy, WAL written). Jobs are completed between passes, outside the timings.
/// </summary>
internal static class SchedulerBenchmark
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 6, 8, 59, 50, TimeSpan.Zero);
    private static readonly TimeSpan s_pass = TimeSpan.FromSeconds(10);
    private const int Passes = 180;

    public static async Task RunAsync(NpgsqlDataSource dataSource, int schedules)
    {
        Console.WriteLine($"## scheduler: {schedules:N0} schedules every 15m, a pass every 10 s for 30 simulated minutes (load average {LoadAverage.Read()})");
        var table = new ResultTable("jitter", "first pass ms (plans, queues the first tick)", "runs queued", "dispatch the :15 tick ms (all passes)", "busiest pass ms",
            "idle pass median ms", "DB busy ms per minute", "WAL KiB per minute");
        foreach (var jitter in new[] { 0, 30 })
        {
            await SetUpAsync(dataSource, schedules, jitter);
            await ExecuteAsync(dataSource, "vacuum analyze public.sync_schedules, public.sync_jobs");
            var clock = new SteppedClock(s_start);
            var scheduler = new Scheduler(new SyncSchedules(dataSource, clock), new SyncJobs(dataSource), clock, NullLogger<Scheduler>.Instance);
            var planning = Stopwatch.StartNew();
            await scheduler.RunOnceAsync();
            planning.Stop();
            var (queued, tick, busiest, busy, wal) = (0, 0.0, 0.0, 0.0, 0L);
            var idle = new List<double>();
            for (var pass = 0; pass < Passes; pass++)
            {
                clock.Advance(s_pass);
                var lsn = await ScalarAsync<long>(dataSource, "select pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
                var stopwatch = Stopwatch.StartNew();
                var result = await scheduler.RunOnceAsync();
                var ms = stopwatch.Elapsed.TotalMilliseconds;
                wal += await ScalarAsync<long>(dataSource, "select pg_current_wal_insert_lsn() - '0/0'::pg_lsn") - lsn;
                busy += ms;
                busiest = Math.Max(busiest, ms);
                queued += result.Queued;
                if (result.Queued == 0)
                {
                    idle.Add(ms);
                }
                else if (clock.GetUtcNow() >= s_start.AddMinutes(14) && clock.GetUtcNow() <= s_start.AddMinutes(16))
                {
                    tick += ms; // the passes that queued the second tick's runs (spread over up to 30 s with jitter)
                }

                await ExecuteAsync(dataSource, "update public.sync_jobs set status = 'completed', finished_at = now() where status = 'queued'");
            }

            var minutes = Passes * s_pass.TotalMinutes;
            table.Add(jitter == 0 ? "none (all at :00)" : $"{jitter} s", planning.Elapsed.TotalMilliseconds, queued, tick, busiest,
                idle.Count == 0 ? 0 : idle.Order().ElementAt(idle.Count / 2), busy / minutes, wal / 1024.0 / minutes);
        }

        table.Print();
    }

    // One organisation per 10 schedules, one connection per schedule; next_run_at null: the first pass plans them.
    private static Task SetUpAsync(NpgsqlDataSource dataSource, int schedules, int jitter) =>
        ExecuteAsync(dataSource, $"""
            truncate public.sync_schedules, public.sync_jobs;
            delete from public.connections where org_id like 'bench-sched-%';
            insert into public.organizations (org_id) select 'bench-sched-' || o from generate_series(0, {(schedules - 1) / 10}) o on conflict do nothing;
            insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext)
            select md5('bench-connection-' || s)::uuid, 'bench-sched-' || (s / 10), 'woocommerce', 'shop ' || s, 'http://127.0.0.1:9', '\x00'
            from generate_series(0, {schedules - 1}) s;
            insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds, jitter_seconds)
            select 'bench-sched-' || (s / 10), md5('bench-connection-' || s)::uuid, 'customer', 900, {jitter}
            from generate_series(0, {schedules - 1}) s;
            """);

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
