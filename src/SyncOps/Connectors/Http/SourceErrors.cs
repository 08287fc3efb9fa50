using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace SyncOps.Connectors.Http;

/// <summary>Turns what is left after the retries into one clear <see cref="SourceException"/>.</summary>
internal static class SourceErrors
{
    /// <summary>A non-success response: the source's own error body when it sent one, verbatim.</summary>
    public static SourceException FromResponse(string what, HttpResponseMessage response, byte[] body, Func<JsonElement, (string? Code, string? Message)> readError)
    {
        var status = (int)response.StatusCode;
        if (response.Headers.TryGetValues(InvalidBodyHandler.ReasonHeader, out var reasons))
        {
            return new SourceException($"{what}: {reasons.First()}: {SourceText.Describe(body, 400)}", status, "invalid_body") { Transient = true };
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var (code, message) = readError(document.RootElement);
            if (message is not null)
            {
                return new SourceException($"{what}: HTTP {status} {code}: {SourceText.Describe(System.Text.Encoding.UTF8.GetBytes(message), 400)}", status, code)
                {
                    Transient = IsTransientStatus(status),
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page): fall through to the first bytes.
        }

        return new SourceException($"{what}: HTTP {status} {response.ReasonPhrase}: {SourceText.Describe(body)}", status) { Transient = IsTransientStatus(status) };
    }

    /// <summary>Worth running the job again later: rate limits, timeouts and server-side failures, not refusals.</summary>
    private static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>A transport failure, timeout or open circuit that the retries did not overcome.</summary>
    public static bool IsTransport(Exception e) => e is HttpRequestException or ExecutionRejectedException or TaskCanceledException;

    /// <summary>In words, never an exception type name: the job is retried later, and the dashboard shows this text.</summary>
    public static SourceException FromTransport(string what, Exception e) => new(e switch
    {
        BrokenCircuitException => $"{what}: the source failed too many requests in a row, so SyncOps paused calling it for a while (circuit open); the sync will be retried later",
        TimeoutRejectedException or TaskCanceledException => $"{what}: the source did not answer in time (after retries)",
        RateLimiterRejectedException => $"{what}: too many requests to this source were waiting (the per-store limit); try again later",
        HttpRequestException { HttpRequestError: var error } => $"{what}: could not reach the source ({Words(error)}: {e.Message}) (after retries)",
        _ => $"{what}: the request to the source was refused ({e.Message})",
    }, null, null, e) { Transient = true };

    private static string Words(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host name not found",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed mid-response",
        _ => "network error",
    };
}
