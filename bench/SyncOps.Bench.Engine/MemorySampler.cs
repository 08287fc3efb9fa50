using System.Diagnostics;

namespace SyncOps.Bench.Engine;

/// <summary>Samples the process's working set and managed heap every 50 ms and keeps the peaks of the current phase.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

    public (long WorkingSet, long Managed) Peak => (Interlocked.Read(ref _peakWorkingSet), Interlocked.Read(ref _peakManaged));

    public void Reset()
    {
        GC.Collect();
        Interlocked.Exchange(ref _peakWorkingSet, 0);
        Interlocked.Exchange(ref _peakManaged, 0);
        Sample();
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakManaged, GC.GetTotalMemory(false));
    }

    private static void Max(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
