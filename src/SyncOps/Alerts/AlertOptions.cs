namespace SyncOps.Alerts;

/// <summary>How alerts are delivered. Tests shorten the delays; the defaults suit a receiver on the internet.</summary>
public sealed class AlertOptions
{
    /// <summary>Retries within one send (Polly, exponential with jitter, on 408, 429, 5xx, timeouts and refused connections).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The first retry's delay within one send; each next one doubles.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When a whole send failed, the delivery stays pending and is sent again after this, doubling each time up to an
    /// hour, so that a receiver down for a while still gets its message.
    /// </summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>HTTP attempts in all (retries included) after which a delivery is given up as failed.</summary>
    public int MaxAttempts { get; init; } = 24;

    /// <summary>Deliveries claimed per transaction.</summary>
    public int BatchSize { get; init; } = 50;
}
