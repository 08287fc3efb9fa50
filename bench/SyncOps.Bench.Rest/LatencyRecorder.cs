using System.Diagnostics;

namespace SyncOps.Bench.Rest;

/// <summary>Runs N concurrent clients for a fixed number of operations each and keeps every latency.</summary>
internal static class LatencyRecorder
{
    /// <summary>The CPU meter of the run, set once the cluster runs; null measures no CPU.</summary>
    public static CpuMeter? Meter { get; set; }

    public static async Task<Result> RunAsync(string name, int clients, int operationsPerClient, Func<int, int, Task> operation)
    {
        // Progress on stderr (the table goes to stdout): a profiler can attach when the phase it wants starts.
        await Console.Error.WriteLineAsync($"{name}: running");
        var latencies = new double[clients][];
        var cpuBefore = Meter?.Now();
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
        var cpuAfter = Meter?.Now();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var (processMs, postgresMs) = cpuBefore is { } b && cpuAfter is { } a
            ? ((a.ProcessMs - b.ProcessMs) / all.Length, (a.PostgresMs - b.PostgresMs) / all.Length)
            : (double.NaN, double.NaN);
        return new Result(name, all.Length / total.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), processMs, postgresMs);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>One path's figures; the CPU milliseconds are per operation, of this process and of PostgreSQL.</summary>
    public sealed record Result(string Name, double PerSecond, double P50Ms, double P99Ms, double ProcessCpuMs, double PostgresCpuMs);
}
