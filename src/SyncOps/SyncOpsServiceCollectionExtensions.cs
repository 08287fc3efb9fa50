using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Database;
using SyncOps.Engine;
using SyncOps.Operations;
using SyncOps.Reports;
using SyncOps.Scheduling;
using SyncOps.Tracking;

namespace SyncOps;

/// <summary>The one place the library is wired, used by the server and the CLI alike so their wiring cannot drift.</summary>
public static class SyncOpsServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOps(this IServiceCollection services, NpgsqlDataSource dataSource)
    {
        services.AddSingleton(dataSource);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();
        services.AddSingleton<SyncTracker>();
        services.AddSingleton<PreviewCache>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SyncReports>();
        services.AddSingleton<MaintenanceRunner>();
        services.AddSingleton<Upkeep>();
        services.AddSingleton<Organizations>();
        services.AddSyncOpsEngine();
        services.AddSyncOpsScheduling();
        return services;
    }
}
