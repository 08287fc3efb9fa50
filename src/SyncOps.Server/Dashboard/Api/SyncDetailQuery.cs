using SyncOps.Server.Dashboard.Live;
using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/syncs/{org}/{syncId}</c>: one sync with its activity log entries, its item errors and its progress
/// samples (the chart), read as the user.
/// </summary>
internal static class SyncDetailQuery
{
    private const string Sql =
        $"""
        select json_build_object(
            'sync', (select to_jsonb(r) from (select {SyncRowSql.Columns} from public.sync_progress p
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

    public static async Task<IResult> RunAsync(string org, string syncId, HttpContext context, UserDatabase database)
    {
        var user = SignInFilter.UserOf(context);
        var json = await database.JsonAsync(user, Sql, context.RequestAborted, org, syncId);
        // RLS hides another organisation's sync entirely: the same answer as a sync that does not exist.
        return json is null
            ? ApiResults.NotFound($"no sync {syncId} in organisation {org}")
            : ApiResults.Json(json);
    }
}
