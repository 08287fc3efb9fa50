using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/schedules</c>: the user's organisations' schedules (row-level security decides which) with their
/// connection, next run, last run and that run's result (the job the scheduler queued last: its status, error and sync).
/// </summary>
internal static class SchedulesQuery
{
    private const string Sql =
        """
        select coalesce(json_agg(json_build_object(
                   'org_id', s.org_id, 'id', s.id, 'connection_id', s.connection_id, 'connection_name', c.name,
                   'source_system', c.source_system, 'entity_type', s.entity_type, 'every_seconds', s.every_seconds,
                   'cron', s.cron, 'time_zone', s.time_zone, 'full_scan_cron', s.full_scan_cron, 'paused', s.paused,
                   'next_run_at', s.next_run_at, 'next_full_scan_at', s.next_full_scan_at, 'last_run_at', s.last_run_at,
                   'last_error', s.last_error, 'last_job_status', j.status, 'last_sync_id', j.sync_id,
                   'last_job_error', j.error_message)
                   order by s.org_id, c.name, s.entity_type), '[]')::text
        from public.sync_schedules s
        join public.connections c on c.org_id = s.org_id and c.id = s.connection_id
        left join public.sync_jobs j on j.id = s.last_job_id
        """;

    private const string PauseSql =
        """
        update public.sync_schedules set paused = $3 where org_id = $1 and id = $2
        returning json_build_object('id', id, 'paused', paused)::text
        """;

    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database) =>
        ApiResults.Json(await database.JsonAsync(SignInFilter.UserOf(context), Sql, context.RequestAborted));

    /// <summary><c>POST /api/schedules/{org}/{id}/pause</c> and <c>/resume</c>, as the user.</summary>
    public static async Task<IResult> SetPausedAsync(string org, Guid id, bool paused, HttpContext context, UserDatabase database)
    {
        var json = await database.JsonAsync(SignInFilter.UserOf(context), PauseSql, context.RequestAborted, org, id, paused);
        // Row-level security hides another organisation's schedule: the same answer as one that does not exist.
        return json is null ? ApiResults.NotFound($"no schedule {id} in organisation {org}") : ApiResults.Json(json);
    }
}
