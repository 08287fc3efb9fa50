namespace SyncOps.Connectors;

/// <summary>
/// The source refused or failed a request after the retries: the source's own error code and message (WooCommerce
/// <c>{code, message, data.status}</c>, Odoo's exception name) surfaced verbatim, with the HTTP status.
/// </summary>
public sealed class SourceException : SyncOpsException
{
    public SourceException(string message, int? httpStatus = null, string? sourceCode = null, Exception? innerException = null)
        : base(message, innerException!)
    {
        HttpStatus = httpStatus;
        SourceCode = sourceCode;
    }

    public SourceException() { }

    public SourceException(string message) : base(message) { }

    public SourceException(string message, Exception innerException) : base(message, innerException) { }

    public int? HttpStatus { get; }

    public string? SourceCode { get; }

    /// <summary>The source may well answer later (an open circuit, a timeout, 429, 5xx): a queued job is run again later.</summary>
    public bool Transient { get; init; }
}
