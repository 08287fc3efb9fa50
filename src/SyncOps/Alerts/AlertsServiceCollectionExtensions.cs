using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyncOps.Alerts;

/// <summary>The alerts' part of <c>AddSyncOps</c>. Options registered before (a test's shorter delays) win.</summary>
public static class AlertsServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOpsAlerts(this IServiceCollection services)
    {
        services.TryAddSingleton(new AlertOptions());
        services.AddHttpClient(AlertTransport.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<AlertChannels>();
        services.AddSingleton<AlertRules>();
        services.AddSingleton<AlertLog>();
        services.AddSingleton<AlertTransport>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertEvaluator>();
        return services;
    }
}
