using Npgsql;
using SyncOps.Configuration;
using SyncOps.Server.Dashboard.Api;
using SyncOps.Server.Dashboard.Live;
using SyncOps.Server.Dashboard.Users;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Dashboard;

/// <summary>The dashboard's wiring: <see cref="AddDashboard"/> beside AddSyncOps, <see cref="MapDashboard"/> beside MapRest.</summary>
internal static class DashboardExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, DashboardOptions options, SyncOpsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.DemoSignIn ??= settings.UsesEmbeddedDatabase;
        services.AddSingleton(options);
        services.AddSingleton(options.Live);
        services.AddSingleton(options.Workers);
        services.AddSingleton<DashboardAuth>();
        services.AddSingleton(sp => new UserDatabase(sp.GetRequiredService<NpgsqlDataSource>(), options.StatementTimeout));
        services.AddSingleton<StaticAssets>();
        services.AddSingleton<WorkerSignal>();
        services.AddSingleton<LiveHub>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveHub>());
        services.AddHostedService<ProgressListener>();
        if (options.Workers.Count > 0)
        {
            services.AddHostedService<SyncWorkerService>();
        }

        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context, StaticAssets assets) => assets.Serve(context, "index.html"));
        app.MapGet("/assets/{name}", (string name, HttpContext context, StaticAssets assets) => assets.Serve(context, name));
        app.MapSession(); // signing in and out, before there is a user
        // Everything else under /api needs a signed-in user: one filter checks it, once, for the whole group.
        app.MapGroup("/api")
            .AddEndpointFilter<SignInFilter>()
            .MapMe()
            .MapDashboardApi()
            .MapLive();
        return app;
    }
}
