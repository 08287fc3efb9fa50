using System.Diagnostics;
using Npgsql;

namespace SyncOps.Bench.Activity;

/// <summary>
/// Fills <c>sync_activity_log</c> (12 monthly partitions) and an unpartitioned copy with the same indexes with the same
/// generated rows: N organisations (default 1,000) of 20 users each, rows arriving in time order over the last 12 months, statuses
/// in realistic proportions. Generated inside PostgreSQL with generate_series, so loading is fast and repeatable.
/// </summary>
internal static class ActivityLogLoader
{
    public const string Partitioned = "public.sync_activity_log";
    public const string Unpartitioned = "public.bench_activity_log_flat";
        public const int UsersPerOrganization = 20;
    private const long Chunk = 1_000_000;

    // id = g on both tables, so a query sees exactly the same rows in either.
    private const string Generate =
        """
        insert into {0} (id, org_id, sync_id, entity_type, source_system, action, status, record_count, failed_count,
                         error_message, user_id, duration_seconds, created_at)
        overriding system value
        select g, 'bench-org-' || (h % $5), 'sync-' || g,
               (array['products', 'orders', 'customers', 'inventory'])[1 + (h >> 10) % 4],
               case when (h >> 12) % 2 = 0 then 'woocommerce' else 'odoo' end,
               case when s < 92 then 'sync_completed' when s < 96 then 'sync_failed'
                    when s < 98 then 'sync_timeout' else 'sync_cancelled' end,
               case when s < 85 then 'completed' when s < 92 then 'completed_with_errors' when s < 96 then 'failed'
                    when s < 98 then 'timeout' else 'cancelled' end,
               (h >> 4) % 5000, case when s between 85 and 91 then 1 + (h >> 5) % 50 else 0 end,
               case when s >= 85 and s < 98
                    then (array['HTTP 429 rate limited', 'SKU already exists', 'timeout reading page', 'invalid price'])[1 + (h >> 14) % 4]
               end,
               md5('bench-org-' || (h % $5) || '-user-' || ((h >> 20) % 20))::uuid,
               ((h >> 3) % 36000) / 10.0,
               $1::timestamptz + make_interval(secs => (g - 1) * $2::double precision)
        from generate_series($3::bigint, $4::bigint) g
        cross join lateral (select abs(hashint8(g)::bigint) as h) hashed
        cross join lateral (select (h >> 16) % 100 as s) status_pick
        """;

    /// <summary>Loads both tables, or only the partitioned one when <paramref name="withFlatCopy"/> is false (half the time).</summary>
    public static async Task<(DateTimeOffset Start, DateTimeOffset End)> LoadAsync(
        NpgsqlDataSource dataSource, long rows, int organizations, bool withFlatCopy = true)
    {
        await ExecuteAsync(dataSource,
            $"""
            drop table if exists {Unpartitioned};
            truncate {Partitioned};
            create table {Unpartitioned} (like {Partitioned} including defaults including constraints including indexes including statistics);
            select public.ensure_activity_log_partition((date_trunc('month', now() at time zone 'UTC') - make_interval(months => m))::date)
            from generate_series(0, 11) m;
            """);
        await using var bounds = dataSource.CreateCommand(
            "select date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '11 months', now() - interval '1 minute'");
        await using var reader = await bounds.ExecuteReaderAsync();
        await reader.ReadAsync();
        var start = reader.GetFieldValue<DateTimeOffset>(0);
        var end = reader.GetFieldValue<DateTimeOffset>(1);
        var step = (end - start).TotalSeconds / rows;

        foreach (var table in withFlatCopy ? new[] { Partitioned, Unpartitioned } : [Partitioned])
        {
            var stopwatch = Stopwatch.StartNew();
            for (var first = 1L; first <= rows; first += Chunk)
            {
                await using var insert = dataSource.CreateCommand(Generate.Replace("{0}", table, StringComparison.Ordinal));
                insert.Parameters.Add(new NpgsqlParameter { Value = start });
                insert.Parameters.Add(new NpgsqlParameter { Value = step });
                insert.Parameters.Add(new NpgsqlParameter { Value = first });
                insert.Parameters.Add(new NpgsqlParameter { Value = Math.Min(rows, first + Chunk - 1) });
                insert.Parameters.Add(new NpgsqlParameter { Value = organizations });
                await insert.ExecuteNonQueryAsync();
            }

            await ExecuteAsync(dataSource, $"vacuum (analyze) {table}");
            Console.WriteLine($"loaded {rows:N0} rows into {table} in {stopwatch.Elapsed.TotalSeconds:N0} s (with its indexes, then vacuum analyze)");
        }

        return (start, end);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
