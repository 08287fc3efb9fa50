using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// A page after <see cref="ScanIntegrity"/> saw it: the items to write (copies already received in this pass with the
/// same modification date left out), how many are records or failures new to the run, and the list rows it covered.
/// <see cref="Problem"/> is set when the page shows the source is not paging as asked (the pass stops there).
/// </summary>
internal sealed record ObservedPage(IReadOnlyList<SourceItem> Items, int NewRecords, int NewFailures, int Rows, string? Problem);
