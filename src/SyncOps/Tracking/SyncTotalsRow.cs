namespace SyncOps.Tracking;

/// <summary>One source and entity in <see cref="SyncTotals"/>: syncs running now, items processed and failed in all.</summary>
public sealed record SyncTotalsRow(string Source, string Entity, long Running, long Processed, long Failed);
