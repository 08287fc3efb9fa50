using Npgsql;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Server.Auth;
using SyncOps.Server.Dashboard;
using SyncOps.Server.GoTrue;
using SyncOps.Server.Hosting;
using SyncOps.Server.Metrics;
using SyncOps.Server.Realtime;
using SyncOps.Server.Rest;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Workers;

namespace SyncOps.Server;

/// <summary>Builds the SyncOps web host. <c>syncops serve</c>, Program.cs and the tests all run this same host.</summary>
internal static class SyncOpsServer
{
    /// <summary>
    /// The server's connection settings. Npgsql's automatic preparation (Max Auto Prepare) would save parsing and
    /// planning of the repeated role-setup statement, but with it the fuzz test saw rare unexplained 500s (suspected:
    /// statement eviction inside a failing batch), so it stays off until that is understood (docs/benchmarks.md).
    /// </summary>
    /// <summary>
    /// The server's connection string. It keeps its password readable (Persist Security Info) because realtime opens a
    /// replication connection, which a data source cannot hand out, with the same credentials; it is never logged.
    /// </summary>
    public static string ServerConnectionString(string databaseUrl) =>
        new Npgsql.NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(databaseUrl, "syncops-server"))
        {
            PersistSecurityInfo = true,
        }.ConnectionString;

    private static async Task<NpgsqlDataSource> OpenDataSourceAsync(SyncOpsSettings settings, CancellationToken ct)
    {
        var dataSource = NpgsqlDataSource.Create(ServerConnectionString(await SyncOpsDatabase.ResolveUrlAsync(settings, ct)));
        try
        {
            await new Migrator(dataSource).MigrateAsync(ct);
            return dataSource;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public static async Task<WebApplication> BuildAsync(SyncOpsServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = options.Args });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // ASP.NET Core logs every request at Information; a progress-reporting worker makes thousands of them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls((options.Urls ?? builder.Configuration["urls"] ?? settings.ListenUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Rest.MaxBodyBytes;
            // Far above RestOptions.MaxUrlLength, so that our middleware answers long URLs with an error body.
            kestrel.Limits.MaxRequestLineSize = Math.Max(64 * 1024, options.Rest.MaxUrlLength * 4);
            kestrel.Limits.MaxRequestBufferSize = Math.Max(1024 * 1024, kestrel.Limits.MaxRequestLineSize * 2);
        });

        var ownsDataSource = options.DataSource is null;
        var dataSource = options.DataSource ?? await OpenDataSourceAsync(settings, cancellationToken);
        try
        {
            var secret = await JwtSecretStore.ResolveAsync(settings, dataSource, cancellationToken);
            builder.Services.AddSyncOps(settings, dataSource);
            if (options.Rest.Schemas is ["public"])
            {
                options.Rest.Schemas = settings.DbSchemas; // SYNCOPS_DB_SCHEMAS, unless the caller chose the schemas
            }

            builder.Services.AddSingleton(options.Rest);
            builder.Services.AddSupabaseAuthKeys(settings);
            builder.Services.AddSingleton(sp => new JwtAuthenticator(
                secret, sp.GetRequiredService<TimeProvider>(), sp.GetService<JwksKeySource>(), sp.GetRequiredService<ApiKeys>()));
            builder.Services.AddSingleton(sp => new JwtIssuer(secret, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddGoTrue(settings, options.GoTrue);
            builder.Services.AddSingleton<SchemaCache>();
            builder.Services.AddSingleton<RestExecutor>();
            builder.Services.AddSingleton<RestHandler>();
            builder.Services.AddDashboard(options.Dashboard, settings);
            builder.Services.AddSyncOpsMetrics();
            builder.Services.AddOperationsWorkers(options.Dashboard.Workers, settings);
            builder.Services.AddRealtime();

            var app = builder.Build();
            await app.Services.GetRequiredService<SchemaCache>().ReloadAsync(cancellationToken);
            if (ownsDataSource)
            {
                app.Lifetime.ApplicationStopped.Register(dataSource.Dispose);
            }

            app.UseMiddleware<CorsMiddleware>();
            app.UseMiddleware<UrlLengthMiddleware>();
            app.MapHealth();
            app.MapRest();
            app.MapSyncOpsMetrics();
            app.MapRealtime();
            app.MapGoTrue();
            app.MapDashboard();
            return app;
        }
        catch
        {
            if (ownsDataSource)
            {
                await dataSource.DisposeAsync();
            }

            throw;
        }
    }
}
