using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// The dashboard's JSON endpoints under <c>/api</c>, mapped on the signed-in route group (<see cref="SignInFilter"/>); the
/// live stream is <see cref="Live.LiveEndpoints"/>.
/// </summary>
internal static class ApiEndpoints
{
    private const string ConnectionsSql =
        """
        select coalesce(json_agg(json_build_object('id', id, 'org_id', org_id, 'source_system', source_system, 'name', name)
                                 order by org_id, name), '[]')::text
        from public.connections
        """;

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/syncs", HistoryQuery.RunAsync);
        signedIn.MapGet("/syncs/{org}/{syncId}", SyncDetailQuery.RunAsync);
        signedIn.MapPost("/syncs/{org}/{syncId}/cancel", SyncCommands.CancelAsync);
        signedIn.MapPost("/syncs", SyncCommands.StartAsync);
        signedIn.MapPost("/previews", SyncCommands.PreviewAsync);
        signedIn.MapPost("/previews/apply", SyncCommands.ApplyAsync);
        signedIn.MapGet("/trends", TrendsQuery.RunAsync);
        signedIn.MapGet("/trends/daily", DailyTrendsQuery.RunAsync);
        signedIn.MapGet("/schedules", SchedulesQuery.RunAsync);
        signedIn.MapPost("/schedules/{org}/{id:guid}/pause", (string org, Guid id, HttpContext context, UserDatabase database) =>
            SchedulesQuery.SetPausedAsync(org, id, true, context, database));
        signedIn.MapPost("/schedules/{org}/{id:guid}/resume", (string org, Guid id, HttpContext context, UserDatabase database) =>
            SchedulesQuery.SetPausedAsync(org, id, false, context, database));
        signedIn.MapGet("/alerts", AlertLogQuery.RunAsync);
        signedIn.MapGet("/connections", async (HttpContext context, UserDatabase database) =>
            ApiResults.Json(await database.JsonAsync(SignInFilter.UserOf(context), ConnectionsSql, context.RequestAborted)));
        return signedIn;
    }
}
