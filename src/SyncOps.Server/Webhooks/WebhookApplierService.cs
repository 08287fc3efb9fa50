using SyncOps.Server.Workers;
using SyncOps.Webhooks;

namespace SyncOps.Server.Webhooks;

/// <summary>
/// Applies queued webhook deliveries under <c>serve</c>: woken by the endpoint as soon as one is queued, else every
/// <see cref="WebhookOptions.PollInterval"/> (deliveries queued by another process, or left by one that stopped). Any
/// number of processes can run it: claims skip each other's locked rows. Failures are logged and backed off; the loop
/// never dies.
/// </summary>
internal sealed partial class WebhookApplierService(
    WebhookApplier applier, WebhookDeliveries deliveries, WebhookOptions options,
    [FromKeyedServices(WebhookApplierService.SignalKey)] WorkerSignal signal, TimeProvider timeProvider,
    ILogger<WebhookApplierService> logger) : BackgroundService
{
    public const string SignalKey = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                // A full batch means more may be waiting: take the next one at once.
                while (await applier.RunOnceAsync(stoppingToken) >= applier.BatchSize)
                {
                }

                if (timeProvider.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    await deliveries.DeleteFinishedAsync(timeProvider.GetUtcNow() - options.Retention, stoppingToken);
                    lastCleanup = timeProvider.GetUtcNow();
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive anything (the database restarting included); it is logged and backed off
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(options.PollInterval.Ticks << Math.Min(failures, 10), TimeSpan.FromMinutes(1).Ticks));
                LogFailed(logger, wait, e);
            }

            try
            {
                // A failure backs off for the whole wait; otherwise a wake-up from the endpoint ends it early.
                if (failures > 0)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "applying webhook deliveries failed; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, TimeSpan delay, Exception exception);
}
