using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tracking;

/// <summary>
/// The C# tracking SDK: start, report, heartbeat and end syncs in <c>sync_progress</c>. The database calculates
/// elapsed time, speed, ETA and completion, and logs the end of each sync; every refusal comes back as a specific
/// <see cref="SyncTrackingException"/> carrying PostgreSQL's reason.
/// </summary>
public sealed partial class SyncTracker(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Inserts the sync's row (status running).</summary>
    public Task<SyncProgress> StartAsync(StartSync request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var syncId = request.SyncId ??
            $"sync-{ShortSource(request.SourceSystem)}-{timeProvider.GetUtcNow().ToUnixTimeMilliseconds()}";
        return SingleAsync(
            $"""
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, initiated_by)
            values ($1, $2, $3, $4, $5, $6)
            returning {SyncProgress.Columns}
            """,
            request.OrgId, syncId, cancellationToken,
            request.EntityType, request.SourceSystem, request.TotalItems, (object?)request.InitiatedBy ?? DBNull.Value);
    }

    /// <summary>Writes the current counts. The sync ends by itself when processed + failed reaches the total.</summary>
    public Task<SyncProgress> ReportAsync(
        string orgId, string syncId, int processed, int failed, int? currentItem = null,
        CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"""
            update public.sync_progress
            set processed_count = $3, failed_count = $4, current_item = coalesce($5, $3 + $4)
            where org_id = $1 and sync_id = $2
            returning {SyncProgress.Columns}
            """,
            orgId, syncId, cancellationToken, processed, failed, (object?)currentItem ?? DBNull.Value);

    /// <summary>Changes the expected total, for sources that only learn it while paging.</summary>
    public Task<SyncProgress> SetTotalAsync(
        string orgId, string syncId, int totalItems, CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"update public.sync_progress set total_items = $3 where org_id = $1 and sync_id = $2 returning {SyncProgress.Columns}",
            orgId, syncId, cancellationToken, totalItems);

    /// <summary>Says the worker is alive without progress (a long page), so the sync is not timed out as stalled.</summary>
    public Task<SyncProgress> HeartbeatAsync(string orgId, string syncId, CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"update public.sync_progress set heartbeat_at = now() where org_id = $1 and sync_id = $2 returning {SyncProgress.Columns}",
            orgId, syncId, cancellationToken);

    /// <summary>Writes the final counts and ends the sync as completed, or completed_with_errors when any failed.</summary>
    public Task<SyncProgress> CompleteAsync(
        string orgId, string syncId, int processed, int failed, CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"""
            update public.sync_progress
            set processed_count = $3, failed_count = $4, current_item = $3 + $4,
                status = case when $4 > 0 then 'completed_with_errors' else 'completed' end
            where org_id = $1 and sync_id = $2
            returning {SyncProgress.Columns}
            """,
            orgId, syncId, cancellationToken, processed, failed);

    /// <summary>Ends the sync as failed with a message.</summary>
    public Task<SyncProgress> FailAsync(
        string orgId, string syncId, string errorMessage, CancellationToken cancellationToken = default) =>
        EndAsync(orgId, syncId, SyncStatus.Failed, errorMessage, cancellationToken);

    /// <summary>Ends the sync as cancelled.</summary>
    public Task<SyncProgress> CancelAsync(
        string orgId, string syncId, string? reason = null, CancellationToken cancellationToken = default) =>
        EndAsync(orgId, syncId, SyncStatus.Cancelled, reason ?? "cancelled", cancellationToken);

    /// <summary>Logs one item's failure (with its external id and reason) to <c>sync_activity_log</c>, as the guide does.</summary>
    public async Task RecordItemFailureAsync(
        SyncProgress sync, string? externalId, string errorMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sync);
        await using var command = dataSource.CreateCommand(
            """
            insert into public.sync_activity_log
                (org_id, sync_id, entity_type, source_system, action, status, record_count, error_message, external_id, user_id)
            values ($1, $2, $3, $4, 'item_failed', 'completed_with_errors', 1, $5, $6, $7)
            """);
        command.AddValues(sync.OrgId, sync.SyncId, sync.EntityType, sync.SourceSystem, errorMessage,
            (object?)externalId ?? DBNull.Value, (object?)sync.InitiatedBy ?? DBNull.Value);
        await ExecuteAsync(() => command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>A reporter that writes progress at most every N items or T, whichever comes first.</summary>
    public SyncProgressReporter CreateReporter(SyncProgress sync, ProgressReporterOptions? options = null) =>
        new(this, sync, options ?? new ProgressReporterOptions(), timeProvider);

    private Task<SyncProgress> EndAsync(
        string orgId, string syncId, string status, string message, CancellationToken cancellationToken) =>
        SingleAsync(
            $"""
            update public.sync_progress set status = $3, error_message = $4
            where org_id = $1 and sync_id = $2
            returning {SyncProgress.Columns}
            """,
            orgId, syncId, cancellationToken, status, message);

    private static string ShortSource(string source) => source switch
    {
        "woocommerce" => "woo",
        _ => source,
    };
}
