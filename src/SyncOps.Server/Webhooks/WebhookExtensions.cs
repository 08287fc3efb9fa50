using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Webhooks;

/// <summary>The server's webhook part: the applier loop and its wake-up signal (the library services come from AddSyncOps).</summary>
internal static class WebhookExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.TryAddSingleton(new WebhookOptions());
        services.AddKeyedSingleton<WorkerSignal>(WebhookApplierService.SignalKey);
        services.AddHostedService<WebhookApplierService>();
        return services;
    }
}
