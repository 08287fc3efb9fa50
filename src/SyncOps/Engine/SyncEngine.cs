using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
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
        var sync = await StartSyncAsync(request, entity, connector.SourceSystem, cancellationToken);
        var previousSyncId = run.SyncId;
        run = run with { SyncId = sync.SyncId };
        await TagAsync(sync, connection.Id, run, cancellationToken);
        await EndOrphansAsync(sync, connection.Id, run.Offset, cancellationToken);
        if (previousSyncId.Length > 0)
        {
            EngineLog.Resuming(logger, sync.SyncId, entity, run.Offset, previousSyncId);
        }

        var target = new WriteTarget(request.OrgId, connector.SourceSystem, connection.Id, entity, sync.SyncId, request.InitiatedBy);
        // The dashboard shows a waiting sync as "rate limited, retry 2 of 5 in 30 s" instead of merely slow.
        using var retries = SourceRetryObserver.Observe(retry => RecordRetryAsync(sync, retry));
        using var reporter = tracker.CreateReporter(sync);
        var counters = new RunCounters();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var finished = new CancellationTokenSource();
        var watcher = new SyncWatcher(dataSource, tracker, lease, options, timeProvider, logger);
        var watching = watcher.WatchAsync(request.OrgId, sync.SyncId, stop, finished.Token);
        try
        {
            var last = await ScanAsync(connector, target, run, reporter, counters, onProgress, stop.Token);
            await finished.CancelAsync();
            await watching;
            var newWatermark = last.MaxSeen is { } maxSeen ? (maxSeen < last.StartedAt ? maxSeen : last.StartedAt) : (DateTimeOffset?)null;
            await _databaseRetry.ExecuteAsync(async ct => await checkpoints.FinishRunAsync(request.OrgId, connection.Id, entity, newWatermark, ct), cancellationToken);
            var final = await _databaseRetry.ExecuteAsync(async ct => await tracker.CompleteAsync(request.OrgId, sync.SyncId, counters.Processed, counters.Failed, ct), cancellationToken);
            onProgress?.Invoke(final);
            return counters.Result(final.SyncId, final.Status, null, run.Offset);
        }
        catch (Exception e) when ((e is OperationCanceledException && stop.IsCancellationRequested) || e is SyncAlreadyFinishedException)
        {
            await finished.CancelAsync();
            await watching;
            var row = await tracker.FindAsync(request.OrgId, sync.SyncId, CancellationToken.None);
            if (row?.Status == SyncStatus.Running)
            {
                await reporter.FlushAsync(CancellationToken.None);
                row = await tracker.CancelAsync(request.OrgId, sync.SyncId, "cancelled by the caller", CancellationToken.None);
            }

            return counters.Result(sync.SyncId, row?.Status ?? SyncStatus.Cancelled, row?.ErrorMessage, run.Offset);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await finished.CancelAsync();
            await watching;
            EngineLog.Failed(logger, sync.SyncId, e.Message);
            var message = e is SourceException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            try
            {
                await _databaseRetry.ExecuteAsync(async ct => await reporter.FlushAsync(ct), CancellationToken.None);
                await _databaseRetry.ExecuteAsync(async ct => await tracker.FailAsync(request.OrgId, sync.SyncId, message, ct), CancellationToken.None);
            }
            catch (SyncAlreadyFinishedException)
            {
                // Ended meanwhile (cancelled, timed out): that status stands.
            }

            return counters.Result(sync.SyncId, SyncStatus.Failed, message, run.Offset) with { Transient = e is SourceException { Transient: true } };
        }
    }

    /// <summary>
    /// Starts the row with the guide's <c>sync-&lt;source&gt;-&lt;ms&gt;</c> id; two syncs started in the same millisecond
    /// (two workers) would collide, so the later one takes the next free millisecond.
    /// </summary>
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

    private async Task<SyncProgress> StartSyncAsync(SyncRequest request, string entity, string source, CancellationToken cancellationToken)
    {
        var milliseconds = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (var attempt = 0; ; attempt++)
        {
            var syncId = request.SyncId ?? $"sync-{(source == "woocommerce" ? "woo" : source)}-{milliseconds + attempt}";
            try
            {
                return await tracker.StartAsync(new StartSync(request.OrgId, entity, source, 0, request.InitiatedBy, syncId), cancellationToken);
            }
            catch (SyncAlreadyExistsException) when (request.SyncId is null && attempt < 100)
            {
            }
        }
    }

    /// <summary>Records which connection and checkpoint the sync runs from, in the row's metadata (for takeover and the dashboard).</summary>
    private async Task TagAsync(SyncProgress sync, Guid connectionId, RunState run, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update public.sync_progress
            set metadata = metadata || jsonb_build_object('connection_id', $3::text, 'resumed_from_offset', $4::int, 'since', $5::timestamptz)
            where org_id = $1 and sync_id = $2
            """);
        SyncTracker.AddParameters(command, sync.OrgId, sync.SyncId, connectionId.ToString(), run.Offset);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)run.Since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Ends syncs of this connection and entity that are still "running" although nobody holds the lease (their process
    /// was killed): failed, naming the sync that resumes their work.
    /// </summary>
    private async Task EndOrphansAsync(SyncProgress sync, Guid connectionId, int offset, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select sync_id from public.sync_progress
            where org_id = $1 and entity_type = $2 and status = 'running' and metadata ->> 'connection_id' = $3 and sync_id <> $4
            """);
        SyncTracker.AddParameters(command, sync.OrgId, sync.EntityType, connectionId.ToString(), sync.SyncId);
        var orphans = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                orphans.Add(reader.GetString(0));
            }
        }

        foreach (var orphan in orphans)
        {
            await tracker.FailAsync(sync.OrgId, orphan,
                $"interrupted: the process running this sync stopped; {sync.SyncId} resumed from offset {offset}", cancellationToken);
        }
    }
}
