using SyncOps.Server.Workers;
using SyncOps.Webhooks;

namespace SyncOps.Server.Webhooks;

/// <summary>
/// Applies queued webhook deliveries under <c>serve</c>: woken by the endpoint as soon as one is queued, else every
/// <see cref="WebhookOptions.PollInterval"/> (deliveries queued by another process, or left by one that stopped). Any
/// number of processes can run it: claims skip each other's locked rows. Failures are logged and backed off; the loop
/// never dies.
/// </summary>
internal sealed class WebhookApplierService(
    WebhookApplier applier, WebhookDeliveries deliveries, WebhookOptions options,
    [FromKeyedServices(WebhookApplierService.SignalKey)] WorkerSignal signal, TimeProvider timeProvider,
    ILogger<WebhookApplierService> logger) : PeriodicService(timeProvider, logger)
{
    public const string SignalKey = "webhooks";

    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => options.PollInterval;

    protected override TimeSpan MaxBackOff => TimeSpan.FromMinutes(1);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        // A full batch means more may be waiting: take the next one at once.
        while (await applier.RunOnceAsync(cancellationToken) >= applier.BatchSize)
        {
        }

        if (Clock.GetUtcNow() - _lastCleanup > TimeSpan.FromHours(1))
        {
            await deliveries.DeleteFinishedAsync(Clock.GetUtcNow() - options.Retention, cancellationToken);
            _lastCleanup = Clock.GetUtcNow();
        }
    }

    // A failure backs off for the whole wait; otherwise a wake-up from the endpoint ends it early.
    protected override Task WaitAsync(TimeSpan delay, bool failed, CancellationToken cancellationToken) =>
        failed ? base.WaitAsync(delay, failed, cancellationToken) : signal.WaitAsync(delay, cancellationToken);
}
