using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SyncOps.Bench.Infrastructure;

namespace SyncOps.Bench.Activity;

/// <summary>
/// Benchmark 2: the guide's activity queries over the partitioned <c>sync_activity_log</c> vs the same rows in one
/// unpartitioned table with the same indexes. Warm: each query runs a few times first; then the two tables take turns,
/// each run for another organisation, so neither gets a cache the other lacks.
/// </summary>
internal static class ActivityQueryBenchmark
{
    private const int Warmup = 20;
    private const int Runs = 200;

    public static async Task RunAsync(NpgsqlDataSource dataSource, long rows, int organizations, bool explain)
    {
        Console.WriteLine($"## activity: guide queries over {rows:N0} log rows of {organizations:N0} organisations, 12 monthly partitions vs one table");
        var (_, end) = await ActivityLogLoader.LoadAsync(dataSource, rows, organizations);
        var queries = ActivityQueries.Create(end, organizations);
        var table = new ResultTable(
            "query", "rows/call", "partitioned median ms", "partitioned p95 ms", "one table median ms", "one table p95 ms",
            "median ratio (part/one)");
        foreach (var query in queries)
        {
            var partitioned = new List<double>();
            var unpartitioned = new List<double>();
            var rowCount = 0L;
            for (var run = -Warmup; run < Runs; run++)
            {
                var org = (run + Warmup) * 7;
                var (partMs, partRows) = await TimeAsync(dataSource, query, ActivityLogLoader.Partitioned, org);
                var (flatMs, flatRows) = await TimeAsync(dataSource, query, ActivityLogLoader.Unpartitioned, org);
                if (partRows != flatRows)
                {
                    throw new InvalidOperationException($"{query.Name}: {partRows} rows partitioned, {flatRows} unpartitioned");
                }

                if (run >= 0)
                {
                    partitioned.Add(partMs);
                    unpartitioned.Add(flatMs);
                    rowCount += partRows;
                }
            }

            var partMedian = Percentile(partitioned, 0.5);
            var flatMedian = Percentile(unpartitioned, 0.5);
            table.Add(query.Name, (double)rowCount / Runs, partMedian, Percentile(partitioned, 0.95), flatMedian,
                Percentile(unpartitioned, 0.95), partMedian / flatMedian);
            if (explain)
            {
                await ExplainAsync(dataSource, query);
            }
        }

        table.Print();
    }

    private static async Task<(double Ms, long Rows)> TimeAsync(
        NpgsqlDataSource dataSource, ActivityQuery query, string tableName, int org)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = Command(connection, query, tableName, org, "");
        var stopwatch = Stopwatch.StartNew();
        var rows = 0L;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        return (stopwatch.Elapsed.TotalMilliseconds, rows);
    }

    private static async Task ExplainAsync(NpgsqlDataSource dataSource, ActivityQuery query)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = Command(connection, query, ActivityLogLoader.Partitioned, 42, "explain (analyze, buffers) ");
        Console.WriteLine($"### EXPLAIN {query.Name} (partitioned)");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("    " + reader.GetString(0));
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, ActivityQuery query, string tableName, int org, string prefix)
    {
        var command = new NpgsqlCommand(prefix + string.Format(CultureInfo.InvariantCulture, query.Sql, tableName), connection);
        foreach (var value in query.Parameters(org))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(fraction * sorted.Count) - 1];
    }
}
