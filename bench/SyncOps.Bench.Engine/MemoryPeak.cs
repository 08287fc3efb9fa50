namespace SyncOps.Bench.Engine;

/// <summary>
/// One phase's memory peaks (bytes): working set, managed heap with its garbage, memory committed by the GC, live heap
/// after a full collection, large object heap after a collection; and how many full (gen 2) collections ran.
/// </summary>
internal sealed record MemoryPeak(long WorkingSet, long Managed, long Committed, long Live, long LargeObjects, int Gen2Collections);
