namespace SyncOps.Simulators;

/// <summary>The real-world failures of connectors.md §1.9 a simulator can serve instead of a page.</summary>
public enum FaultKind
{
    /// <summary>429 with Retry-After: 1 (a host's rate limit).</summary>
    TooManyRequests,
    InternalServerError,
    BadGateway,

    /// <summary>503 with Retry-After and WordPress's maintenance HTML.</summary>
    ServiceUnavailable,
    GatewayTimeout,

    /// <summary>The page, after a delay.</summary>
    Slow,

    /// <summary>No answer until the client gives up.</summary>
    Timeout,

    /// <summary>200 with an HTML page (a security plugin, a redirect).</summary>
    Html,

    /// <summary>200 application/json whose body starts with a PHP notice.</summary>
    PhpNotice,

    /// <summary>200 application/json cut in the middle.</summary>
    Truncated,
}
