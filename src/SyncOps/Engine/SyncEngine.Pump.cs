using SyncOps.Connectors;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// One pass's pipeline: pages fetched ahead (at least a whole batch, whatever the page size), gathered into batches
/// that fill before they are written, and batches written on <see cref="EngineOptions.Writers"/> connections while the
/// next ones are fetched, committing in order (<see cref="OrderedWrites{T}"/>), each with its checkpoint.
/// </summary>
public sealed partial class SyncEngine
{
    private async Task<((RunState Run, int TotalSet), string? Problem)> PumpAsync(
        ISourceConnector connector, WriteTarget target, RunState run, SyncProgressReporter reporter, RunCounters counters,
        ScanIntegrity integrity, int totalSet, Action<SyncProgress>? onProgress, CancellationToken cancellationToken)
    {
        var window = new SourceWindow(run.Since) { Paging = run.Paging };
        var batchPages = (options.WriteBatchSize + connector.PageSize - 1) / Math.Max(1, connector.PageSize);
        await using var pages = PagePrefetcher.Start(
            connector, target.Entity, window, run.Offset, Math.Max(connectors.Options.Prefetch, batchPages), cancellationToken);
        var writes = new OrderedWrites<(int NewRecords, int Failures)>(options.Writers);
        var records = new List<CanonicalRecord>();
        var failures = new List<SourceItem>();
        int newRecords = 0, pendingPages = 0, inFlight = 0;
        var lastWrite = timeProvider.GetTimestamp();
        var lastCheckpoint = lastWrite;
        string? problem = null;
        try
        {
            while (problem is null && await pages.NextAsync(cancellationToken) is { } page)
            {
                var observed = integrity.Observe(page, run.Offset);
                problem = observed.Problem;
                if (problem is null)
                {
                    run = run with { Offset = run.Offset + page.Consumed };
                    newRecords += observed.NewRecords;
                    pendingPages++;
                    run = Gather(observed.Items, records, failures, run);
                    if (!BatchReady(records.Count + failures.Count, pages.NextReady, writes.Idle, lastWrite))
                    {
                        continue;
                    }
                }

                // The total must cover the counts before they are written (the table checks processed + failed <= total),
                // and stays above them until the scan is checked (reaching it would end the sync).
                var done = counters.Processed + counters.Failed + inFlight + newRecords + failures.Count;
                totalSet = await RaiseTotalAsync(target, totalSet, done + Math.Max(1, page.Total - integrity.RowsSoFar), cancellationToken);
                inFlight -= await StartWriteAsync(writes, target, records, failures, newRecords, run, Lazy(), FinishOldestAsync, cancellationToken);
                inFlight += newRecords + failures.Count;
                (records, failures, newRecords, pendingPages) = ([], [], 0, 0);
                lastWrite = timeProvider.GetTimestamp();
                while (writes.OldestDone)
                {
                    inFlight -= await FinishOldestAsync();
                }
            }

            if (problem is null && pendingPages > 0)
            {
                var done = counters.Processed + counters.Failed + inFlight + newRecords + failures.Count;
                totalSet = await RaiseTotalAsync(target, totalSet, done + 1, cancellationToken);
                await StartWriteAsync(writes, target, records, failures, newRecords, run, Lazy(), FinishOldestAsync, cancellationToken);
            }

            while (writes.Count > 0)
            {
                await FinishOldestAsync();
            }
        }
        catch (Exception)
        {
            await writes.AbandonAsync();
            throw;
        }

        return ((run, totalSet), problem);

        bool Lazy() => timeProvider.GetElapsedTime(lastCheckpoint) < options.UnchangedCheckpointInterval;

        async Task<int> FinishOldestAsync()
        {
            var (settled, checkpointed) = await FinishWriteAsync(writes, reporter, counters, totalSet, onProgress, cancellationToken);
            lastCheckpoint = checkpointed ? timeProvider.GetTimestamp() : lastCheckpoint;
            return settled;
        }
    }

    private static RunState Gather(IReadOnlyList<SourceItem> items, List<CanonicalRecord> records, List<SourceItem> failures, RunState run)
    {
        foreach (var item in items)
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

        return run;
    }

    /// <summary>A full batch is written; a partial one only when nothing else would use the writers meanwhile.</summary>
    private bool BatchReady(int count, bool nextReady, bool writersIdle, long lastWrite) =>
        count >= options.WriteBatchSize ||
        (!nextReady && writersIdle && timeProvider.GetElapsedTime(lastWrite) >= options.MaxBatchWait);

    private async Task<int> RaiseTotalAsync(WriteTarget target, int totalSet, int expected, CancellationToken cancellationToken)
    {
        if (expected > totalSet)
        {
            await _databaseRetry.ExecuteAsync(async ct => await tracker.SetTotalAsync(target.OrgId, target.SyncId, expected, ct), cancellationToken);
            return expected;
        }

        return totalSet;
    }

    /// <summary>Starts a batch's write once a writer is free (finishing the oldest write first when all are busy).</summary>
    private async Task<int> StartWriteAsync(
        OrderedWrites<(int NewRecords, int Failures)> writes, WriteTarget target, List<CanonicalRecord> records, List<SourceItem> failures,
        int newRecords, RunState checkpoint, bool lazyCheckpoint, Func<Task<int>> finishOldest, CancellationToken cancellationToken)
    {
        var settled = 0;
        while (writes.Full)
        {
            settled += await finishOldest();
        }

        writes.Start(after => _databaseRetry.ExecuteAsync(
            async ct => await writer.WriteAsync(target, records, failures, checkpoint, after, lazyCheckpoint, ct), cancellationToken).AsTask(),
            (newRecords, failures.Count));
        return settled;
    }

    /// <summary>Takes the oldest write's outcome into the counters and the progress row; returns the counts it settled and whether it saved its checkpoint.</summary>
    private async Task<(int Settled, bool Checkpointed)> FinishWriteAsync(
        OrderedWrites<(int NewRecords, int Failures)> writes, SyncProgressReporter reporter, RunCounters counters, int totalSet,
        Action<SyncProgress>? onProgress, CancellationToken cancellationToken)
    {
        var (outcome, (newRecords, failures)) = await writes.NextAsync();
        counters.Add(outcome);
        counters.AddDistinct(newRecords, outcome.Failed - failures);
        await _databaseRetry.ExecuteAsync(async ct => await reporter.SetCountsAsync(counters.Processed, counters.Failed, ct), cancellationToken);
        // The reporter writes at most every N items or T; observers see every batch (speed and ETA as last written).
        onProgress?.Invoke(reporter.Latest with { TotalItems = totalSet, ProcessedCount = counters.Processed, FailedCount = counters.Failed });
        return (newRecords + failures, outcome.Checkpointed);
    }
}
