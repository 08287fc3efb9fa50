using Microsoft.Extensions.DependencyInjection;

namespace SyncOps.Scheduling;

/// <summary>The schedules' part of <c>AddSyncOps</c>.</summary>
public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOpsScheduling(this IServiceCollection services)
    {
        services.AddSingleton<SyncSchedules>();
        services.AddSingleton<Scheduler>();
        return services;
    }
}
