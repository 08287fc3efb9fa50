namespace SyncOps.Tracking;

/// <summary>
/// The dashboard's reads of <c>sync_progress</c> and <c>sync_activity_log</c>, kept here with every other statement on
/// those tables (one owner per table). The server runs them as the signed-in user (<c>UserSession</c>), so row-level
/// security decides what a page sees; each answers one JSON text in the shape of <see cref="SyncDashboardJson"/>.
/// </summary>
public static class SyncDashboardQueries
{
    /// <summary>Active syncs and those ended in the last hour, newest first: the live stream's first event (<c>snapshot</c>).</summary>
    public const string Snapshot =
        $"""
        select json_build_object('type', 'snapshot', 'server_time', clock_timestamp(),
                                 'syncs', coalesce(json_agg(to_jsonb(r) order by r.started_at desc), '[]'))::text
        from (select {SyncDashboardJson.Columns} from public.sync_progress p
              where p.status = 'running' or p.completed_at > now() - interval '1 hour'
              order by p.started_at desc limit 500) r
        """;

    /// <summary>
    /// Recent syncs, newest first: $1 status, $2 entity type, $3 source, $4 initiating user, $5 started before (each null
    /// for any), $6 how many.
    /// </summary>
    public const string History =
        $"""
        select coalesce(json_agg(to_jsonb(r) order by r.started_at desc), '[]')::text
        from (select {SyncDashboardJson.Columns} from public.sync_progress p
              where ($1::text is null or p.status = $1)
                and ($2::text is null or p.entity_type = $2)
                and ($3::text is null or p.source_system = $3)
                and ($4::uuid is null or p.initiated_by = $4)
                and ($5::timestamptz is null or p.started_at < $5)
              order by p.started_at desc limit $6) r
        """;

    /// <summary>One sync ($1 organisation, $2 sync id) with its log entries and item errors; no row when the user cannot see it.</summary>
    public const string Detail =
        $"""
        select json_build_object(
            'sync', (select to_jsonb(r) from (select {SyncDashboardJson.Columns} from public.sync_progress p
                                              where p.org_id = $1 and p.sync_id = $2) r),
            'log', (select coalesce(json_agg(to_jsonb(l) order by l.created_at, l.id), '[]')
                    from (select id, action, status, record_count, failed_count, error_message, duration_seconds, details, created_at
                          from public.sync_activity_log
                          where org_id = $1 and sync_id = $2 and action <> 'item_failed'
                          order by created_at, id limit 200) l),
            'errors', (select coalesce(json_agg(to_jsonb(e) order by e.created_at, e.id), '[]')
                       from (select id, external_id, error_message, created_at
                             from public.sync_activity_log
                             where org_id = $1 and sync_id = $2 and action = 'item_failed'
                             order by created_at, id limit 500) e),
            'error_count', (select count(*) from public.sync_activity_log
                            where org_id = $1 and sync_id = $2 and action = 'item_failed'))::text
        where exists (select 1 from public.sync_progress where org_id = $1 and sync_id = $2)
        """;
}
