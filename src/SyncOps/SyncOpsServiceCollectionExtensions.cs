using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SyncOps.Database;
using SyncOps.Engine;
using SyncOps.Operations;
using SyncOps.Reports;
using SyncOps.Tracking;

namespace SyncOps;

/// <summary>The one place the library is wired, used by the server and the CLI alike so their wiring cannot drift.</summary>
public static class SyncOpsServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOps(this IServiceCollection services, NpgsqlDataSource dataSource)
    {
        services.AddSingleton(dataSource);
        // The composition is the edge that picks the system clock; a host or test that registered its own keeps it.
#pragma warning disable RS0030
        services.TryAddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.AddSingleton<Migrator>();
        services.AddSingleton<SyncTracker>();
        services.AddSingleton<PreviewCache>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SyncReports>();
        services.AddSingleton<MaintenanceRunner>();
        services.AddSingleton<Organizations>();
        services.AddSyncOpsEngine();
        return services;
    }
}
