namespace SyncOps.Server.Workers;

/// <summary>The server's alerting loop (issue 12 item 5), next to the scheduler and the upkeep.</summary>
internal static class AlertWorkers
{
    public static IServiceCollection AddAlertWorker(this IServiceCollection services, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AlertInterval > TimeSpan.Zero)
        {
            services.AddHostedService<AlertService>();
        }

        return services;
    }
}
