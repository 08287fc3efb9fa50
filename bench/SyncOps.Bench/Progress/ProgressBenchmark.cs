using System.Diagnostics;
using Npgsql;
using SyncOps.Bench.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Bench.Progress;

/// <summary>
/// Benchmark 1: reporting N items through the SDK's throttled <see cref="SyncProgressReporter"/> (every 500 items or
/// 1 s) vs one UPDATE per item, the guide's habit. Both write through the same <see cref="SyncTracker.ReportAsync"/>
/// statement, so the only difference is how often it runs.
/// </summary>
internal static class ProgressBenchmark
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, int items)
    {
        Console.WriteLine($"## progress: {items:N0} items, throttled reporter vs one UPDATE per item");
        var tracker = new SyncTracker(dataSource, TimeProvider.System);
        var orgId = "bench-progress-" + Guid.NewGuid().ToString("N")[..8];

        var perItem = await MeasureAsync(tracker, orgId, items, async sync =>
        {
            for (var done = 1; done <= items; done++)
            {
                await tracker.ReportAsync(sync.OrgId, sync.SyncId, done, 0);
            }

            return items;
        });

        var throttled = await MeasureAsync(tracker, orgId, items, async sync =>
        {
            using var reporter = tracker.CreateReporter(sync);
            for (var done = 1; done <= items; done++)
            {
                await reporter.ItemsProcessedAsync();
            }

            await reporter.FlushAsync();
            return reporter.Writes;
        });

        var table = new ResultTable("way", "items", "wall time s", "items/s", "DB writes", "final status");
        table.Add("one UPDATE per item (guide)", items, perItem.Seconds, items / perItem.Seconds, perItem.Writes, perItem.Status);
        table.Add("SyncProgressReporter (500 items / 1 s)", items, throttled.Seconds, items / throttled.Seconds,
            throttled.Writes, throttled.Status);
        table.Print();
        Console.WriteLine($"Throttled is {perItem.Seconds / throttled.Seconds:N1}x faster with " +
                          $"{(double)perItem.Writes / throttled.Writes:N0}x fewer writes.");
        Console.WriteLine();
    }

    private static async Task<Result> MeasureAsync(
        SyncTracker tracker, string orgId, int items, Func<SyncProgress, Task<int>> report)
    {
        var sync = await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", items));
        var stopwatch = Stopwatch.StartNew();
        var writes = await report(sync);
        stopwatch.Stop();
        var final = await tracker.FindAsync(orgId, sync.SyncId);
        return new Result(stopwatch.Elapsed.TotalSeconds, writes, final?.Status ?? "missing");
    }

    private sealed record Result(double Seconds, int Writes, string Status);
}
