using System.Diagnostics;
using System.Globalization;
using SyncOps.Tracking;

namespace SyncOps.Bench.Engine;

/// <summary>
/// For the long run: prints the rate of each tenth of the records, so it shows how the rate changes as the table
/// (and its indexes) outgrow PostgreSQL's and the OS's cache.
/// </summary>
internal sealed class RateByTenths(int total, bool print)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private int _lastCount;

    public void Observe(SyncProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var step = Math.Max(1, total / 10);
        if (!print || progress.ProcessedCount < _lastCount + step)
        {
            return;
        }

        var now = _clock.Elapsed;
        var rate = (progress.ProcessedCount - _lastCount) / (now - _last).TotalMinutes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {progress.ProcessedCount:N0} written after {now.TotalSeconds:0} s: {rate:N0} items/min over the last {progress.ProcessedCount - _lastCount:N0}, overall {progress.ProcessedCount / now.TotalMinutes:N0}"));
        (_last, _lastCount) = (now, progress.ProcessedCount);
    }
}
