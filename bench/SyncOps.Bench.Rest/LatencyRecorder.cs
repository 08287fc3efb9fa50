using System.Diagnostics;

namespace SyncOps.Bench.Rest;

/// <summary>Runs N concurrent clients for a fixed number of operations each and keeps every latency.</summary>
internal static class LatencyRecorder
{
    public static async Task<Result> RunAsync(string name, int clients, int operationsPerClient, Func<int, int, Task> operation)
    {
        var latencies = new double[clients][];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new double[operationsPerClient];
            for (var i = 0; i < operationsPerClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(client, i);
                mine[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        total.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, all.Length / total.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    public sealed record Result(string Name, double PerSecond, double P50Ms, double P99Ms);
}
