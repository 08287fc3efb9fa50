using SyncOps.Connectors;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// The scan: passes over the source, each pumping pages into batched writes, each judged by <see cref="ScanIntegrity"/>.
/// A pass that shows the source did not page as asked is followed by another (with the source's other paging when the
/// current one proved unreliable) or ends the sync as failed with what the source did; never completed with records missing.
/// </summary>
public sealed partial class SyncEngine
{
    private async Task<RunState> ScanAsync(
        ISourceConnector connector, WriteTarget target, RunState run, SyncProgressReporter reporter, RunCounters counters,
        Action<SyncProgress>? onProgress, bool detectDeletions, CancellationToken cancellationToken)
    {
        var integrity = new ScanIntegrity(connector, target.Entity, timeProvider, Math.Clamp(options.MaxScanPasses, 1, 255));
        var totalSet = 0;
        while (true)
        {
            integrity.StartPass(run.Paging, run.Offset);
            var (last, problem) = await PumpAsync(connector, target, run, reporter, counters, integrity, totalSet, onProgress, cancellationToken);
            run = last.Run;
            totalSet = last.TotalSet;
            var verdict = integrity.EndPass(problem);
            if (verdict.Complete)
            {
                // Until now the total stayed above the count so the table's trigger could not end the sync before the
                // scan was checked; now it is exact.
                var done = counters.Processed + counters.Failed;
                if (done != totalSet)
                {
                    await _databaseRetry.ExecuteAsync(async ct => await tracker.SetTotalAsync(target.OrgId, target.SyncId, done, ct), cancellationToken);
                }

                if (detectDeletions && run.Since is null)
                {
                    counters.Deleted = await MarkDeletedAsync(target, integrity, cancellationToken);
                }

                return run;
            }

            if (verdict.RescanWith is not { } paging)
            {
                throw new SourceException(verdict.Failure!);
            }

            ScanLog.Rescanning(logger, target.SyncId, target.Entity, integrity.Pass + 1, paging.ToString(), verdict.Reason!);
            run = run with { Offset = 0, Paging = paging };
        }
    }
}
