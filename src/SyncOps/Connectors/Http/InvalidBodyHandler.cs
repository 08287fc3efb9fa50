using System.Net;
using System.Text;
using System.Text.Json;

namespace SyncOps.Connectors.Http;

/// <summary>
/// Turns "200 OK with a body that is not JSON" (a PHP notice, an HTML page, a body cut short: connectors.md §1.9) into a
/// 502 the retry strategy retries, keeping the first bytes for the final error. Runs inside the retry loop.
/// </summary>
internal sealed class InvalidBodyHandler : DelegatingHandler
{
    public const string ReasonHeader = "X-SyncOps-Invalid-Body";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
        var problem = !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? $"the source answered 200 with {(contentType.Length == 0 ? "no content type" : contentType)} instead of JSON"
            : IsCompleteJson(body) ? null : "the source answered 200 with a body that is not valid JSON (truncated?)";
        if (problem is null)
        {
            // The buffered body replaces the stream: the caller takes the same array (BufferedBody.ReadAsync), no second read.
            var buffered = new BufferedBody(body);
            foreach (var header in response.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = buffered;
            return response;
        }

        var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");
        response.Dispose();
        var invalid = new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request, Content = new StringContent(start) };
        invalid.Headers.TryAddWithoutValidation(ReasonHeader, problem);
        return invalid;
    }

    private static bool IsCompleteJson(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
