using System.Diagnostics;

namespace SyncOps.Bench.Rest;

/// <summary>Runs N concurrent clients for a fixed number of operations each and keeps every latency.</summary>
internal static class LatencyRecorder
{
    /// <summary>The CPU meter of the run, set once the cluster runs; null measures no CPU.</summary>
    public static CpuMeter? Meter { get; set; }

    public static async Task<Run> RunAsync(string name, int clients, int operationsPerClient, Func<int, int, Task> operation)
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
        var (processMs, postgresMs) = cpuBefore is { } b && cpuAfter is { } a
            ? (a.ProcessMs - b.ProcessMs, a.PostgresMs - b.PostgresMs)
            : (double.NaN, double.NaN);
        return new Run([.. latencies.SelectMany(l => l)], total.Elapsed.TotalSeconds, processMs, postgresMs);
    }

    /// <summary>One path's figures over all its runs (rounds): the CPU milliseconds are per operation.</summary>
    public static Result Summarize(string name, IReadOnlyList<Run> runs)
    {
        var all = runs.SelectMany(r => r.Latencies).Order().ToArray();
        return new Result(name, all.Length / runs.Sum(r => r.Seconds), Percentile(all, 0.50), Percentile(all, 0.99),
            runs.Sum(r => r.ProcessMs) / all.Length, runs.Sum(r => r.PostgresMs) / all.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>One run's latencies, wall-clock seconds and CPU milliseconds (this process, PostgreSQL) in total.</summary>
    public sealed record Run(double[] Latencies, double Seconds, double ProcessMs, double PostgresMs);

    /// <summary>One path's figures; the CPU milliseconds are per operation, of this process and of PostgreSQL.</summary>
    public sealed record Result(string Name, double PerSecond, double P50Ms, double P99Ms, double ProcessCpuMs, double PostgresCpuMs);
}
