using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/trends/daily?days=7|30|90</c>: per day, entity and source, the syncs started, the records they processed,
/// their failures (failed or timed out) and the median and 95th percentile duration of the ended ones, over the user's
/// organisations (row-level security decides which), for the dashboard's trends chart.
/// </summary>
internal static class DailyTrendsQuery
{
    private const string Sql =
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

    /// <summary>The periods the dashboard offers; any other value is a 400, not a silently different chart.</summary>
    private static readonly int[] s_periods = [7, 30, 90];

    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database)
    {
        var text = context.Request.Query["days"].ToString();
        if (!int.TryParse(text, out var days) || !s_periods.Contains(days))
        {
            return ApiResults.BadRequest($"days must be 7, 30 or 90, not '{text}'");
        }

        return ApiResults.Json(await database.JsonAsync(SignInFilter.UserOf(context), Sql, context.RequestAborted, days));
    }
}
