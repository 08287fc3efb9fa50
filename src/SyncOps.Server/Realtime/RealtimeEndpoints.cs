using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary><c>/realtime/v1/websocket</c>: Supabase Realtime's endpoint, for supabase-js' <c>channel(...).subscribe()</c>.</summary>
internal static class RealtimeEndpoints
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RealtimeTypes(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new RealtimeCatalog(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new TablePolicies(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RowVisibility(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TablePolicies>()));
        services.AddSingleton(sp => new RlsViews(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TablePolicies>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChangeFeedRunner>();
        services.AddSingleton<RealtimeHub>();
        services.AddSingleton<RealtimeProtocol>();
        return services;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/realtime/v1/websocket", async (HttpContext context, RealtimeHub hub, RealtimeProtocol protocol) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest(new { message = "expected a WebSocket upgrade (realtime-js connects here)" });
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new RealtimeConnection(socket, context.Request.Query["apikey"].FirstOrDefault());
            hub.Add(connection);
            try
            {
                await connection.RunAsync(protocol, context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                // The client went away or the server is stopping.
            }
            finally
            {
                hub.Remove(connection);
            }

            return Results.Empty;
        });
        return app;
    }
}
