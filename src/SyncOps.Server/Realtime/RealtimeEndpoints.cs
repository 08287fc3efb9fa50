using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary><c>/realtime/v1/websocket</c>: Supabase Realtime's endpoint, for supabase-js' <c>channel(...).subscribe()</c>.</summary>
internal static partial class RealtimeEndpoints
{
    private const string Path = "/realtime/v1/websocket";

    /// <param name="idleTimeout">SYNCOPS_REALTIME_IDLE_TIMEOUT: how long a socket may send nothing before it is closed.</param>
    public static IServiceCollection AddRealtime(this IServiceCollection services, TimeSpan idleTimeout)
    {
        services.AddSingleton(new RealtimeOptions(idleTimeout));
        services.AddSingleton<PresenceRegistry>();
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
        app.Use((context, next) =>
        {
            if (context.Request.Path == Path && context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
            {
                var batching = new BatchingUpgradeFeature(upgrade);
                context.Features.Set<IHttpUpgradeFeature>(batching);
                context.Features.Set(batching);
            }

            return next(context);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map(Path, async (
            HttpContext context, RealtimeHub hub, RealtimeProtocol protocol, PresenceRegistry presence, RealtimeOptions options,
            IHostApplicationLifetime lifetime, TimeProvider time, ILogger<RealtimeProtocol> logger) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest(new { message = "expected a WebSocket upgrade (realtime-js connects here)" });
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new RealtimeConnection(
                socket, context.Request.Query["apikey"].FirstOrDefault(), context.Features.Get<BatchingUpgradeFeature>()?.Stream, time,
                options.IdleTimeout);
            hub.Add(connection);
            // 1001 "going away": realtime-js reconnects at once (with its back-off) to whichever server answers next.
            using var stopping = lifetime.ApplicationStopping.Register(
                () => connection.Close(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "server stopping"));
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
                presence.LeaveAll(connection);
                if (connection.TimedOut)
                {
                    LogIdleClosed(logger, options.IdleTimeout);
                }
            }

            return Results.Empty;
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "realtime: closed a socket that sent nothing for {IdleTimeout} (SYNCOPS_REALTIME_IDLE_TIMEOUT)")]
    private static partial void LogIdleClosed(ILogger logger, TimeSpan idleTimeout);
}
