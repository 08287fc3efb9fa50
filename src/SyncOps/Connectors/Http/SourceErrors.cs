using System.Text;
using System.Text.Json;
using Polly;

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
            return new SourceException($"{what}: {reasons.First()}: {Encoding.UTF8.GetString(body)}", status, "invalid_body");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var (code, message) = readError(document.RootElement);
            if (message is not null)
            {
                return new SourceException($"{what}: HTTP {status} {code}: {message}", status, code);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page): fall through to the first bytes.
        }

        var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");
        return new SourceException($"{what}: HTTP {status} {response.ReasonPhrase}: {start}", status);
    }

    /// <summary>A transport failure, timeout or open circuit that the retries did not overcome.</summary>
    public static bool IsTransport(Exception e) => e is HttpRequestException or ExecutionRejectedException or TaskCanceledException;

    public static SourceException FromTransport(string what, Exception e) =>
        new($"{what}: {e.GetType().Name}: {e.Message} (after retries)", null, null, e);
}
