namespace SyncOps.Tracking;

/// <summary>
/// Every organisation's syncs summed per source and entity, and how many times <c>sync_progress</c> was written (the
/// server's metrics): read by <see cref="SyncTracker.GetTotalsAsync"/>.
/// </summary>
public sealed record SyncTotals(IReadOnlyList<SyncTotalsRow> Rows, long ProgressWrites);
