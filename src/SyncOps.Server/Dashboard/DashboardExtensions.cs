using SyncOps.Configuration;
using SyncOps.Server.Api;
using SyncOps.Server.Live;
using SyncOps.Server.Metrics;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Dashboard;

/// <summary>The dashboard's wiring: <see cref="AddDashboard"/> beside AddSyncOps, <see cref="MapDashboard"/> beside MapRest.</summary>
public static class DashboardExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, DashboardOptions options, SyncOpsSettings settings)
    {
        options.DemoSignIn ??= settings.UsesEmbeddedDatabase;
        services.AddSingleton(options);
        services.AddSingleton(options.Live);
        services.AddSingleton(options.Workers);
        services.AddSingleton<DashboardAuth>();
        services.AddSingleton<UserDatabase>();
        services.AddSingleton<StaticAssets>();
        services.AddSingleton<WorkerSignal>();
        services.AddSingleton<LiveHub>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveHub>());
        services.AddHostedService<ProgressListener>();
        if (options.Workers.Count > 0)
        {
            services.AddHostedService<SyncWorkerService>();
        }

        services.AddSyncOpsMetrics();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapSyncOpsMetrics();
        app.MapGet("/", (HttpContext context, StaticAssets assets) => assets.Serve(context, "index.html"));
        app.MapGet("/assets/{name}", (string name, HttpContext context, StaticAssets assets) => assets.Serve(context, name));
        app.MapDashboardApi();
        app.MapLive();
        return app;
    }
}
