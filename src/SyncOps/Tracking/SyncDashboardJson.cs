namespace SyncOps.Tracking;

/// <summary>
/// A sync as the dashboard shows it: the columns selected from <c>sync_progress p</c> and turned into JSON by
/// PostgreSQL (<c>to_jsonb</c>), so the live path, the snapshot and the history share one shape.
/// </summary>
public static class SyncDashboardJson
{
    public const string Columns =
        "p.org_id, p.sync_id, p.entity_type, p.source_system, p.status, p.total_items, p.processed_count, p.failed_count, " +
        "p.initiated_by, p.error_message, p.started_at, p.updated_at, p.completed_at, p.last_progress_at, p.heartbeat_at, " +
        "p.elapsed_seconds, p.speed_items_per_min, p.eta_seconds, p.metadata -> 'retry' as retry, " +
        "p.metadata ->> 'connection_id' as connection_id, " +
        "(select u.email from syncops_auth.users_extended u where u.id = p.initiated_by) as initiated_by_email";
}
