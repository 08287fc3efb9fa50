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
        var integrity = new ScanIntegrity(connector, target.Entity, timeProvider, Math.Max(1, options.MaxScanPasses));
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

    private async Task<((RunState Run, int TotalSet), string? Problem)> PumpAsync(
        ISourceConnector connector, WriteTarget target, RunState run, SyncProgressReporter reporter, RunCounters counters,
        ScanIntegrity integrity, int totalSet, Action<SyncProgress>? onProgress, CancellationToken cancellationToken)
    {
        var window = new SourceWindow(run.Since) { Paging = run.Paging };
        await using var pages = PagePrefetcher.Start(connector, target.Entity, window, run.Offset, connectors.Options.Prefetch, cancellationToken);
        var records = new List<CanonicalRecord>();
        var failures = new List<SourceItem>();
        var newRecords = 0;
        string? problem = null;
        while (problem is null && await pages.NextAsync(cancellationToken) is { } page)
        {
            var observed = integrity.Observe(page, run.Offset);
            problem = observed.Problem;
            if (problem is null)
            {
                run = run with { Offset = run.Offset + page.Consumed };
                newRecords += observed.NewRecords;
                foreach (var item in observed.Items)
                {
                    if (item.Record is { } record)
                    {
                        records.Add(record);
                        if (record.SourceUpdatedAt is { } updated && (run.MaxSeen is null || updated > run.MaxSeen))
                        {
                            run = run with { MaxSeen = updated };
                        }
                    }
                    else
                    {
                        failures.Add(item);
                    }
                }

                if (records.Count + failures.Count < options.WriteBatchSize && pages.NextReady)
                {
                    continue;
                }
            }

            // The total must cover the counts before they are written (the table checks processed + failed <= total),
            // and stays above them until the scan is checked (reaching it would end the sync).
            var done = counters.Processed + counters.Failed + newRecords + failures.Count;
            var expected = done + Math.Max(1, page.Total - integrity.RowsSoFar);
            if (expected > totalSet)
            {
                totalSet = expected;
                await _databaseRetry.ExecuteAsync(async ct => await tracker.SetTotalAsync(target.OrgId, target.SyncId, expected, ct), cancellationToken);
            }

            var batch = records.ToArray();
            var batchFailures = failures.ToArray();
            var checkpoint = run;
            var outcome = await _databaseRetry.ExecuteAsync(
                async ct => await writer.WriteAsync(target, batch, batchFailures, checkpoint, ct), cancellationToken);
            counters.Add(outcome);
            counters.AddDistinct(newRecords, outcome.Failed - batchFailures.Length);
            records.Clear();
            failures.Clear();
            newRecords = 0;
            await _databaseRetry.ExecuteAsync(async ct => await reporter.SetCountsAsync(counters.Processed, counters.Failed, ct), cancellationToken);
            // The reporter writes at most every N items or T; observers see every batch (speed and ETA as last written).
            onProgress?.Invoke(reporter.Latest with { TotalItems = totalSet, ProcessedCount = counters.Processed, FailedCount = counters.Failed });
        }

        return ((run, totalSet), problem);
    }
}
