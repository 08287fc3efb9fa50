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
                            where org_id = $1 and sync_id = $2 and action = 'item_failed'),
            -- The chart's points (migration 0151: a few hundred per sync at most).
            'samples', (select coalesce(json_agg(json_build_object(
                                'at', s.sampled_at, 'status', s.status, 'done', s.done, 'total_items', s.total_items,
                                'speed_items_per_min', s.speed_items_per_min,
                                'recent_items_per_sec', s.recent_items_per_sec, 'eta_seconds', s.eta_seconds)
                            order by s.sampled_at), '[]')
                        from public.sync_progress_samples s where s.org_id = $1 and s.sync_id = $2))::text
        where exists (select 1 from public.sync_progress where org_id = $1 and sync_id = $2)
        """;

    /// <summary>
    /// Per UTC day ($1 days up to today), entity and source: syncs started, records processed, failures (failed or
    /// timed out), median and 95th percentile duration of the ended ones; one JSON array, as the user sees them.
    /// </summary>
    public const string DailyTrends =
        """
        select coalesce(json_agg(to_jsonb(d) order by d.day, d.entity_type, d.source_system), '[]')::text
        from (
            select (p.started_at at time zone 'UTC')::date as day, p.entity_type, p.source_system,
                   count(*) as syncs,
                   coalesce(sum(p.processed_count), 0) as records,
                   count(*) filter (where p.status in ('failed', 'timeout')) as failures,
                   percentile_cont(0.5) within group (order by p.elapsed_seconds)
                       filter (where p.status <> 'running') as p50_seconds,
                   percentile_cont(0.95) within group (order by p.elapsed_seconds)
                       filter (where p.status <> 'running') as p95_seconds
            from public.sync_progress p
            where p.started_at >= (now() at time zone 'UTC')::date - ($1 - 1)
            group by 1, 2, 3
        ) d
        """;
}
