using System.Diagnostics;

namespace SyncOps.Bench.Engine;

/// <summary>
/// Samples the process every 50 ms and keeps the peaks of the current phase: working set, managed heap with garbage
/// (<see cref="GC.GetTotalMemory(bool)"/>), memory the GC has committed, the live heap after the last full collection
/// (blocking or background: heap size less fragmentation) and the large object heap after any collection. The live
/// heap is what the engine and the simulator hold; the rest of the managed figure is garbage not yet collected, so
/// the two tell a leak from GC headroom.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet;
    private long _peakManaged;
    private long _peakCommitted;
    private long _peakLive;
    private long _peakLargeObjects;
    private int _gen2AtReset;
    private int _gen1AtReset;
    private int _gen0AtReset;
    private long _allocatedAtReset;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

    public MemoryPeak Peak => new(Interlocked.Read(ref _peakWorkingSet), Interlocked.Read(ref _peakManaged),
        Interlocked.Read(ref _peakCommitted), Interlocked.Read(ref _peakLive), Interlocked.Read(ref _peakLargeObjects), GC.CollectionCount(2) - _gen2AtReset)
    {
        Gen1Collections = GC.CollectionCount(1) - _gen1AtReset,
        Gen0Collections = GC.CollectionCount(0) - _gen0AtReset,
        Allocated = GC.GetTotalAllocatedBytes() - _allocatedAtReset,
    };

    public void Reset()
    {
        GC.Collect();
        Interlocked.Exchange(ref _peakWorkingSet, 0);
        Interlocked.Exchange(ref _peakManaged, 0);
        Interlocked.Exchange(ref _peakCommitted, 0);
        Interlocked.Exchange(ref _peakLive, 0);
        Interlocked.Exchange(ref _peakLargeObjects, 0);
        (_gen2AtReset, _gen1AtReset, _gen0AtReset) = (GC.CollectionCount(2), GC.CollectionCount(1), GC.CollectionCount(0));
        _allocatedAtReset = GC.GetTotalAllocatedBytes();
        Sample();
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakManaged, GC.GetTotalMemory(false));
        var any = GC.GetGCMemoryInfo(GCKind.Any);
        Max(ref _peakCommitted, any.TotalCommittedBytes);
        // Generation 3 is the large object heap (objects of 85,000 bytes or more, collected only with gen 2).
        Max(ref _peakLargeObjects, any.GenerationInfo[3].SizeAfterBytes);
        foreach (var kind in (ReadOnlySpan<GCKind>)[GCKind.FullBlocking, GCKind.Background])
        {
            var full = GC.GetGCMemoryInfo(kind);
            if (full.Index > 0)
            {
                Max(ref _peakLive, full.HeapSizeBytes - full.FragmentedBytes);
            }
        }
    }

    private static void Max(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
