using SyncOps.Configuration;
using SyncOps.Operations;

namespace SyncOps.Server.Workers;

/// <summary>The server's operator loops (issue 12): the scheduler and the automatic upkeep.</summary>
internal static class OperationsWorkers
{
    public static IServiceCollection AddOperationsWorkers(this IServiceCollection services, WorkerOptions options, SyncOpsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (options.UpkeepInterval > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentException("the upkeep must run at least every 30 s, so that stalled syncs are marked promptly", nameof(options));
        }

        services.AddSingleton(new MaintenanceOptions { StaleAfter = settings.StaleAfter });
        if (options.SchedulerInterval > TimeSpan.Zero)
        {
            services.AddHostedService<SchedulerService>();
        }

        if (options.UpkeepInterval > TimeSpan.Zero)
        {
            services.AddHostedService<UpkeepService>();
        }

        return services;
    }
}
