namespace SyncOps.Connectors.Http;

/// <summary>How the engine talks to stores. Tests shrink the delays; production keeps the defaults.</summary>
public sealed record SourceHttpOptions
{
    /// <summary>WooCommerce allows 100; real stores time out at 100 (connectors.md §1.9), so it is configurable down.</summary>
    public int PageSize { get; init; } = 100;

    public int MaxRetries { get; init; } = 5;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retry-After is honoured up to this long (a WordPress upgrade asks for 600 s).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight per store (per authority): the per-connection rate limit.</summary>
    public int MaxConcurrentRequestsPerStore { get; init; } = 4;

    /// <summary>Pages fetched ahead of the writer.</summary>
    public int Prefetch { get; init; } = 4;
}
