namespace SyncOps.Bench.Engine;

/// <summary>
/// One phase's memory peaks (bytes): working set, managed heap with its garbage, memory committed by the GC, live heap
/// after a full collection, large object heap after a collection; how many collections of each generation ran (a gen 2
/// collection counts in gen 1 and 0 too) and the bytes allocated during the phase.
/// </summary>
internal sealed record MemoryPeak(long WorkingSet, long Managed, long Committed, long Live, long LargeObjects, int Gen2Collections)
{
    public int Gen1Collections { get; init; }

    public int Gen0Collections { get; init; }

    public long Allocated { get; init; }
}
