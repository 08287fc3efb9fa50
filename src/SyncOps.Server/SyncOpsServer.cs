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
using SyncOps.Server.Webhooks;
using SyncOps.Server.Workers;

namespace SyncOps.Server;

/// <summary>Builds the SyncOps web host. <c>syncops serve</c>, Program.cs and the tests all run this same host.</summary>
internal static class SyncOpsServer
{
    /// <summary>
    /// The server's connection string. It keeps its password readable (Persist Security Info) because realtime opens a
    /// replication connection, which a data source cannot hand out, with the same credentials; it is never logged.
    /// Npgsql's automatic preparation (Max Auto Prepare) stays off: with Npgsql 10.0.3, when the execution that first
    /// auto-prepares a statement fails while executing (a role without the privilege, a division by zero: any error after
    /// PostgreSQL parsed it), the next run of the same SQL on that connection throws "Received unexpected backend message
    /// DataRow" (our SYNCOPS500) and breaks the connection; Npgsql's bookkeeping of that prepared statement is wrong
    /// (npgsql/npgsql#6391, open). Reproduced by AutoPrepareTests; analysed in docs/benchmarks.md.
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

            options.Rest.AggregatesEnabled |= settings.DbAggregatesEnabled;
            options.Rest.PlanEnabled |= settings.DbPlanEnabled;
            if (!settings.DbPreparedStatements)
            {
                options.Rest.PreparedStatements = 0; // SYNCOPS_DB_PREPARED_STATEMENTS=false: behind a transaction pooler
            }

            options.Rest.ExposeAll |= settings.ExposeAll; // SYNCOPS_EXPOSE_ALL, or the caller's own choice

            builder.Services.AddSingleton(options.Rest);
            builder.Services.AddSupabaseAuthKeys(settings);
            builder.Services.AddSingleton(sp => new JwtAuthenticator(
                secret, sp.GetRequiredService<TimeProvider>(), sp.GetService<JwksKeySource>(), sp.GetRequiredService<ApiKeys>()));
            builder.Services.AddSingleton(sp => new JwtIssuer(secret, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddGoTrue(settings, options.GoTrue);
            builder.Services.AddSingleton<SchemaCache>();
            builder.Services.AddSingleton(new PreparedShapes(options.Rest.PreparedStatements));
            builder.Services.AddSingleton<RestExecutor>();
            builder.Services.AddSingleton<RestHandler>();
            builder.Services.AddSingleton<Rest.OpenApi.OpenApiCatalog>();
            builder.Services.AddDashboard(options.Dashboard, settings);
            builder.Services.AddSyncOpsMetrics();
            builder.Services.AddOperationsWorkers(options.Dashboard.Workers, settings);
            builder.Services.AddAlertWorker(options.Dashboard.Workers);
            builder.Services.AddRealtime(settings.RealtimeIdleTimeout);
            builder.Services.AddWebhooks();

            var app = builder.Build();
            ExposureWarning.LogIfExposingAll(app.Services.GetRequiredService<ILogger<RestHandler>>(), options.Rest);
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
            app.MapWebhooks();
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
