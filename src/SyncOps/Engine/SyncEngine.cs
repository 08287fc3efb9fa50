using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Connectors.Http;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// Runs a sync from a source into the canonical tables: one <c>sync_progress</c> row from start to end, pages fetched
/// ahead while earlier ones are written in batches, progress through the SDK's throttled reporter, a checkpoint in
/// every batch's transaction. A killed run is resumed by the next one from its checkpoint; the killed run's row, left
/// running, is ended as failed by the run that takes over (see docs/sync-engine.md).
/// </summary>
public sealed partial class SyncEngine(
    NpgsqlDataSource dataSource,
    ConnectionStore connections,
    ConnectorFactory connectors,
    SyncTracker tracker,
    CheckpointStore checkpoints,
    RecordWriter writer,
    PreviewCache previews,
    EngineOptions options,
    TimeProvider timeProvider,
    ILogger<SyncEngine> logger)
{
    private readonly ResiliencePipeline _databaseRetry = DatabaseRetry.Create(options);

    /// <summary>Runs the sync to its end and says how it ended; source and database failures end it as failed, not as an exception.</summary>
    public async Task<SyncResult> RunAsync(SyncRequest request, Action<SyncProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = SyncEntity.Parse(request.Entity);
        var connection = await connections.GetAsync(request.ConnectionId, request.OrgId, cancellationToken);
        var connector = await connectors.CreateAsync(connection, cancellationToken);
        await using var lease = await SyncLease.AcquireAsync(dataSource, request.OrgId, connection.Id, entity, cancellationToken);

        var checkpoint = await checkpoints.GetAsync(request.OrgId, connection.Id, entity, cancellationToken);
        var run = !request.Full && checkpoint.Run is { } unfinished
            ? unfinished
            : new RunState("", !request.Full && connector.FiltersByModification(entity) && checkpoint.Watermark is { } watermark
                ? watermark - options.Overlap : null, 0, timeProvider.GetUtcNow(), null);
        await using var lifecycle = await StartRunAsync(
            new StartSync(request.OrgId, entity, connector.SourceSystem, 0, request.InitiatedBy, request.SyncId), lease, cancellationToken);
        var sync = lifecycle.Sync;
        var previousSyncId = run.SyncId;
        run = run with { SyncId = sync.SyncId };
        var counters = new RunCounters();
        try
        {
            await tracker.TagRunAsync(sync.OrgId, sync.SyncId, connection.Id, run.Offset, run.Since, lifecycle.Stopping);
            // Syncs of this connection and entity still "running" although this run holds their lease: their process
            // was killed. They end as failed, naming the sync that resumes their work.
            await tracker.FailInterruptedAsync(sync.OrgId, entity, connection.Id, sync.SyncId,
                $"interrupted: the process running this sync stopped; {sync.SyncId} resumed from offset {run.Offset}", lifecycle.Stopping);
            if (previousSyncId.Length > 0)
            {
                EngineLog.Resuming(logger, sync.SyncId, entity, run.Offset, previousSyncId);
            }

            var target = new WriteTarget(request.OrgId, connector.SourceSystem, connection.Id, entity, sync.SyncId, request.InitiatedBy);
            // The dashboard shows a waiting sync as "rate limited, retry 2 of 5 in 30 s" instead of merely slow.
            using var retries = SourceRetryObserver.Observe(retry => RecordRetryAsync(sync, retry));
            var last = await ScanAsync(connector, target, run, lifecycle.Reporter, counters, onProgress, request.Full, lifecycle.Stopping);
            var newWatermark = last.MaxSeen is { } maxSeen ? (maxSeen < last.StartedAt ? maxSeen : last.StartedAt) : (DateTimeOffset?)null;
            var final = await lifecycle.CompleteAsync(counters.Processed, counters.Failed,
                ct => checkpoints.FinishRunAsync(request.OrgId, connection.Id, entity, newWatermark, ct), cancellationToken);
            onProgress?.Invoke(final);
            return counters.Result(final.SyncId, final.Status, null, run.Offset);
        }
        catch (Exception e)
        {
            var (status, message) = await lifecycle.EndAsync(e);
            // A source that may answer later (circuit open, timeouts, 5xx): a queued job is run again later.
            return counters.Result(sync.SyncId, status, message, run.Offset) with
            {
                Transient = status == SyncStatus.Failed && e is SourceException { Transient: true },
            };
        }
    }

    private async ValueTask RecordRetryAsync(SyncProgress sync, SourceRetry retry)
    {
        try
        {
            await tracker.RecordRetryAsync(sync.OrgId, sync.SyncId, retry.Attempt, retry.MaxAttempts, retry.Delay, retry.Reason);
        }
        catch (Exception e) when (e is SyncOpsException or NpgsqlException)
        {
            // Showing the wait is a courtesy; it must never fail the fetch it describes.
            EngineLog.RetryNotRecorded(logger, sync.SyncId, e);
        }
    }

    private Task<SyncRun> StartRunAsync(StartSync start, SyncLease lease, CancellationToken cancellationToken) =>
        SyncRun.StartAsync(start, lease, tracker, options, _databaseRetry, logger, cancellationToken);
}
