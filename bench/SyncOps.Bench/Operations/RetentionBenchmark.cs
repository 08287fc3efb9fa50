using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SyncOps.Bench.Infrastructure;

namespace SyncOps.Bench.Operations;

/// <summary>
/// Retention at scale: one month of <c>sync_activity_log</c> past retention (default 833,333 rows, a twelfth of ten
/// million) removed two ways. The upkeep's way drops the month's partition (<c>drop_expired_activity_log_partitions</c>);
/// the naive way deletes the same rows from an unpartitioned copy with the same indexes, then vacuums. Each way after a
/// checkpoint, so both pay their own full-page writes. Measured: time, WAL written, and what is left on disk (bloat).
/// </summary>
internal static class RetentionBenchmark
{
    private const string Flat = "public.bench_retention_flat";

    private const string Rows =
        """
        select 'bench-org-' || (g % 1000), 'sync-' || g, 'products', 'woocommerce', 'sync_completed', 'completed',
               (g % 5000)::int, 0, md5('bench-org-' || (g % 1000) || '-user-' || (g % 20))::uuid, (g % 3600)::numeric,
               $1::timestamptz + make_interval(secs => (g - 1) * $2::double precision)
        from generate_series(1, $3::bigint) g
        """;

    public static async Task RunAsync(NpgsqlDataSource dataSource, long rows)
    {
        Console.WriteLine($"## retention: a month of {rows:N0} activity rows, partition dropped vs rows deleted (load average {LoadAverage.Read()})");
        await using var month = dataSource.CreateCommand(
            "select (date_trunc('month', now() at time zone 'UTC') - interval '14 months')::date");
        var first = (DateOnly)(await month.ExecuteScalarAsync())!;
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var step = (start.AddMonths(1) - start).TotalSeconds / (rows + 1);
        var partition = string.Create(CultureInfo.InvariantCulture, $"public.sync_activity_log_{first:yyyy_MM}");
        await ExecuteAsync(dataSource, $"""
            drop table if exists {Flat};
            create table {Flat} (like public.sync_activity_log including defaults including identity including constraints including indexes);
            select public.ensure_activity_log_partition('{first:yyyy-MM-dd}');
            """);
        foreach (var target in new[] { "public.sync_activity_log", Flat })
        {
            await using var load = dataSource.CreateCommand(
                $"insert into {target} (org_id, sync_id, entity_type, source_system, action, status, record_count, failed_count, user_id, duration_seconds, created_at) " + Rows);
            load.Parameters.Add(new NpgsqlParameter { Value = start });
            load.Parameters.Add(new NpgsqlParameter { Value = step });
            load.Parameters.Add(new NpgsqlParameter { Value = rows });
            await load.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(dataSource, $"vacuum analyze {partition}, {Flat}");
        var table = new ResultTable("way", "rows", "time ms", "WAL MiB", "size before MiB", "size after MiB", "dead rows left");

        var before = await SizeAsync(dataSource, partition);
        var (dropMs, dropWal) = await MeasureAsync(dataSource, "select count(*) from public.drop_expired_activity_log_partitions(12)");
        table.Add("drop the month's partition (upkeep)", rows, dropMs, dropWal, before, 0.0, 0);

        before = await SizeAsync(dataSource, Flat);
        var (deleteMs, deleteWal) = await MeasureAsync(dataSource,
            $"delete from {Flat} where created_at < '{start.AddMonths(1):yyyy-MM-dd}'");
        var dead = await LongAsync(dataSource, $"select n_dead_tup from pg_stat_user_tables where relid = '{Flat}'::regclass");
        table.Add("delete the same rows", rows, deleteMs, deleteWal, before, await SizeAsync(dataSource, Flat), dead);
        var (vacuumMs, vacuumWal) = await MeasureAsync(dataSource, $"vacuum {Flat}");
        table.Add("... then vacuum", rows, vacuumMs, vacuumWal, before, await SizeAsync(dataSource, Flat), 0);
        table.Print();
        await ExecuteAsync(dataSource, $"drop table {Flat}");
    }

    private static async Task<(double Ms, double WalMiB)> MeasureAsync(NpgsqlDataSource dataSource, string sql)
    {
        await ExecuteAsync(dataSource, "checkpoint");
        var lsn = await LongAsync(dataSource, "select pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync(dataSource, sql);
        var ms = stopwatch.Elapsed.TotalMilliseconds;
        var wal = await LongAsync(dataSource, "select pg_current_wal_insert_lsn() - '0/0'::pg_lsn") - lsn;
        return (ms, wal / 1024.0 / 1024.0);
    }

    private static async Task<double> SizeAsync(NpgsqlDataSource dataSource, string table) =>
        await LongAsync(dataSource, $"select pg_total_relation_size('{table}')") / 1024.0 / 1024.0;

    private static async Task<long> LongAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
