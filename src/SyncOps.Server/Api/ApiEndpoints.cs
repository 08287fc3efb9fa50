namespace SyncOps.Server.Api;

/// <summary>The dashboard's JSON endpoints under <c>/api</c> (the live stream is <see cref="Live.LiveEndpoints"/>).</summary>
public static class ApiEndpoints
{
    private const string ConnectionsSql =
        """
        select coalesce(json_agg(json_build_object('id', id, 'org_id', org_id, 'source_system', source_system, 'name', name)
                                 order by org_id, name), '[]')::text
        from public.connections
        """;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapSession();
        app.MapGet("/api/syncs", HistoryQuery.RunAsync);
        app.MapGet("/api/syncs/{org}/{syncId}", SyncDetailQuery.RunAsync);
        app.MapPost("/api/syncs/{org}/{syncId}/cancel", SyncCommands.CancelAsync);
        app.MapPost("/api/syncs", SyncCommands.StartAsync);
        app.MapPost("/api/previews", SyncCommands.PreviewAsync);
        app.MapPost("/api/previews/apply", SyncCommands.ApplyAsync);
        app.MapGet("/api/trends", TrendsQuery.RunAsync);
        app.MapGet("/api/connections", async Task<IResult> (HttpContext context, DashboardAuth auth, UserDatabase database) =>
            await auth.AuthenticateAsync(context.Request) is { } user
                ? ApiResults.Json(await database.JsonAsync(user, ConnectionsSql, context.RequestAborted))
                : ApiResults.Unauthorized());
        return app;
    }
}
