namespace SyncOps.Engine;

public sealed partial class SyncEngine
{
    /// <summary>
    /// After a full scan judged complete: the connection's rows the source no longer lists are marked deleted, those it
    /// lists again are un-deleted. Skipped (0) when the pass cannot prove absence (<see cref="ScanIntegrity.PresentIds"/>):
    /// a record wrongly marked deleted is worse than one found deleted a scan later.
    /// </summary>
    private async Task<int> MarkDeletedAsync(WriteTarget target, ScanIntegrity integrity, CancellationToken cancellationToken)
    {
        if (integrity.PresentIds() is not { } isPresent)
        {
            EngineLog.DeletionsNotChecked(logger, target.SyncId, target.Entity);
            return 0;
        }

        var at = timeProvider.GetUtcNow();
        var marked = await _databaseRetry.ExecuteAsync(
            async ct => await writer.MarkDeletedAsync(target, isPresent, at, ct), cancellationToken);
        if (marked > 0)
        {
            EngineLog.MarkedDeleted(logger, target.SyncId, marked, target.Entity);
        }

        return marked;
    }
}
