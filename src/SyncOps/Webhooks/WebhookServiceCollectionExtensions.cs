using Microsoft.Extensions.DependencyInjection;

namespace SyncOps.Webhooks;

/// <summary>The webhooks' part of <c>AddSyncOps</c>.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOpsWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton<WebhookApplier>();
        return services;
    }
}
