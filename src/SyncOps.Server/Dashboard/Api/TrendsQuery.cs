using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/trends?days=30&amp;max_speed=100</c>: the guide's "Sync Duration Trends", "Find Slow Syncs" and "Find
/// Failed Syncs" (the report functions of migration 0005) for each of the user's organisations, called as the user.
/// </summary>
internal static class TrendsQuery
{
    private const string Sql =
        """
        select json_build_object(
            'trends', (select coalesce(json_agg(jsonb_build_object('org_id', o.org_id) || to_jsonb(t) order by o.org_id, t.entity_type), '[]')
                       from unnest(syncops_auth.org_ids()) as o (org_id), public.report_sync_duration_trends(o.org_id, $1) t),
            'slow', (select coalesce(json_agg(jsonb_build_object('org_id', o.org_id) || to_jsonb(s) order by s.speed_items_per_min), '[]')
                     from unnest(syncops_auth.org_ids()) as o (org_id), public.report_slow_syncs(o.org_id, $2, $1) s),
            'failed', (select coalesce(json_agg(jsonb_build_object('org_id', o.org_id) || to_jsonb(f) order by f.last_seen_at desc), '[]')
                       from unnest(syncops_auth.org_ids()) as o (org_id), public.report_failed_syncs(o.org_id, $1) f))::text
        """;

    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database)
    {
        var user = SignInFilter.UserOf(context);
        var days = int.TryParse(context.Request.Query["days"], out var d) ? Math.Clamp(d, 1, 365) : 30;
        var maxSpeed = decimal.TryParse(context.Request.Query["max_speed"], System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 100m;
        return ApiResults.Json(await database.JsonAsync(user, Sql, context.RequestAborted, days, maxSpeed));
    }
}
