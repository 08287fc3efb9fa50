using System.Net;

namespace SyncOps.Alerts;

/// <summary>
/// Delivers the alert log's pending messages: each send retries within itself (<see cref="AlertTransport"/>); a send
/// that still fails leaves the delivery pending for a later pass, after a doubling delay, until
/// <see cref="AlertOptions.MaxAttempts"/>; a refusal that retrying cannot fix (4xx other than 408 and 429) fails at once.
/// Only deliveries of channels encrypted with this process's key are claimed (<see cref="AlertChannels.KeyId"/>).
/// </summary>
public sealed class AlertSender(AlertLog log, AlertChannels channels, AlertTransport transport, AlertOptions options, TimeProvider timeProvider)
{
    /// <summary>Sends every pending delivery due now; returns them as they ended.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var sent = new List<AlertDelivery>();
        IReadOnlyList<AlertDelivery> batch;
        do
        {
            batch = await log.SendPendingAsync(now, options.BatchSize, channels.KeyId, d => DeliverAsync(d, now, cancellationToken), cancellationToken);
            sent.AddRange(batch);
        }
        while (batch.Count == options.BatchSize);

        return sent;
    }

    /// <summary>Sends a test message to the rule's channel now and returns it as it ended (it is in the alert log too).</summary>
    public async Task<AlertDelivery> SendTestAsync(string orgId, Guid ruleId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var id = await log.AddTestAsync(orgId, ruleId, now, cancellationToken);
        var sent = await log.SendPendingAsync(now, 1, channels.KeyId, d => DeliverAsync(d, now, cancellationToken), cancellationToken, orgId, id);
        return sent.Count == 1 ? sent[0]
            : throw new SyncOpsException($"the alert's channel was added with another {Connections.SecretProtector.KeyVariable}: this process cannot decrypt it");
    }

    private async Task<DeliveryOutcome> DeliverAsync(AlertDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AlertTarget target;
        try
        {
            target = await channels.GetTargetAsync(delivery.OrgId, delivery.ChannelId, cancellationToken);
        }
        catch (SyncOpsException e)
        {
            // The key changed since the channel was added: no retry can fix that.
            return new DeliveryOutcome("failed", 0, null, e.Message, now);
        }

        var (status, attempts, error) = await transport.SendAsync(target, delivery, cancellationToken);
        if (error is null)
        {
            return new DeliveryOutcome("delivered", attempts, (int?)status, null, now);
        }

        var total = delivery.Attempts + attempts;
        var permanent = status is { } code && (int)code is >= 400 and < 500 && code is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        if (permanent || total >= options.MaxAttempts || delivery.Kind == "test")
        {
            return new DeliveryOutcome("failed", attempts, (int?)status, error, now);
        }

        // The n-th failed send waits RedeliveryDelay * 2^(n-1), at most an hour.
        var sends = Math.Max(1, total / (options.Retries + 1));
        var delay = TimeSpan.FromTicks(Math.Min(options.RedeliveryDelay.Ticks << Math.Min(sends - 1, 16), TimeSpan.FromHours(1).Ticks));
        return new DeliveryOutcome("pending", attempts, (int?)status, error, now + delay);
    }
}
