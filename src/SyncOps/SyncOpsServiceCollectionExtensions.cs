using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SyncOps.Alerts;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Engine;
using SyncOps.Operations;
using SyncOps.Reports;
using SyncOps.Scheduling;
using SyncOps.Tracking;
using SyncOps.Webhooks;

namespace SyncOps;

/// <summary>The one place the library is wired, used by the server and the CLI alike so their wiring cannot drift.</summary>
public static class SyncOpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the settings (read once at the edge) and the data source, then every library service; the engine's part
    /// builds the secret protector from these settings. A protector or options registered before this call (a test's own) win.
    /// </summary>
    public static IServiceCollection AddSyncOps(this IServiceCollection services, SyncOpsSettings settings, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
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
        services.AddSingleton<Upkeep>();
        services.AddSingleton<Organizations>();
        services.AddSyncOpsEngine();
        services.AddSyncOpsScheduling();
        services.AddSyncOpsAlerts();
        services.AddSyncOpsWebhooks();
        return services;
    }
}
