using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SyncOps.Bench.Activity;
using SyncOps.Bench.Infrastructure;
using SyncOps.Operations;

namespace SyncOps.Bench.Operations;

/// <summary>
/// The guide's five activity queries over the partitioned <c>sync_activity_log</c> (default 10,000,000 rows) measured
/// two ways: on a quiet database, and with the upkeep running (a full <see cref="MaintenanceRunner"/> pass every second,
/// thirty times as often as <c>serve</c>: partitions ahead, retention, preview cache, stalled syncs, orphaned jobs).
/// Same queries, same organisations, runs taking turns between the two phases' organisations; target: median at or
/// under 5 ms each.
/// </summary>
internal static class ActivityUnderUpkeepBenchmark
{
    private const int Warmup = 20;
    private const int Runs = 200;

    public static async Task RunAsync(NpgsqlDataSource dataSource, long rows, int organizations)
    {
        Console.WriteLine($"## activity-upkeep: guide queries over {rows:N0} partitioned log rows, quiet vs upkeep running (load average {LoadAverage.Read()})");
        var (_, end) = await ActivityLogLoader.LoadAsync(dataSource, rows, organizations, withFlatCopy: false);
        var queries = ActivityQueries.Create(end, organizations);
        var quiet = await MeasureAsync(dataSource, queries);
        using var stop = new CancellationTokenSource();
        var upkeep = RunUpkeepAsync(dataSource, stop.Token);
        var busy = await MeasureAsync(dataSource, queries);
        await stop.CancelAsync();
        var passes = await upkeep;

        var table = new ResultTable("query", "rows/call", "quiet median ms", "quiet p95 ms", "upkeep median ms", "upkeep p95 ms", "<= 5 ms median");
        for (var i = 0; i < queries.Count; i++)
        {
            table.Add(queries[i].Name, quiet[i].Rows, quiet[i].Median, quiet[i].P95, busy[i].Median, busy[i].P95,
                Math.Max(quiet[i].Median, busy[i].Median) <= 5 ? "yes" : "no");
        }

        table.Print();
        Console.WriteLine($"upkeep passes during the second phase: {passes}; load average at the end {LoadAverage.Read()}");
    }

    private static async Task<int> RunUpkeepAsync(NpgsqlDataSource dataSource, CancellationToken stop)
    {
        var runner = new MaintenanceRunner(dataSource);
        var passes = 0;
        while (!stop.IsCancellationRequested)
        {
            await runner.RunOnceAsync(new MaintenanceOptions(), CancellationToken.None);
            passes++;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return passes;
    }

    private static async Task<List<(double Rows, double Median, double P95)>> MeasureAsync(NpgsqlDataSource dataSource, IReadOnlyList<ActivityQuery> queries)
    {
        var results = new List<(double, double, double)>();
        foreach (var query in queries)
        {
            var times = new List<double>();
            var rowCount = 0L;
            for (var run = -Warmup; run < Runs; run++)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, query.Sql, ActivityLogLoader.Partitioned), connection);
                foreach (var value in query.Parameters((run + Warmup) * 7))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                var stopwatch = Stopwatch.StartNew();
                var rows = 0L;
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        rows++;
                    }
                }

                if (run >= 0)
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                    rowCount += rows;
                }
            }

            var sorted = times.Order().ToList();
            results.Add(((double)rowCount / Runs, sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1]));
        }

        return results;
    }
}
