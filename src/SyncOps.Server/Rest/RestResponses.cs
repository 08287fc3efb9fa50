using System.Text.Json;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>Writes PostgREST's responses: JSON bodies from the database as they are, errors as the four-key object.</summary>
internal static class RestResponses
{
    // Relaxed escaping: messages quote names with ' and ", which PostgREST sends as they are.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteBodyAsync(HttpContext context, int status, string? body, bool single, CancellationToken ct) =>
        WriteBodyAsync(context, status, body, single ? MediaTypes.SingleObject : MediaTypes.Json, ct);

    public static async Task WriteBodyAsync(HttpContext context, int status, string? body, string contentType, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (body is null || status == StatusCodes.Status204NoContent)
        {
            return;
        }

        response.ContentType = contentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await WriteWithLengthAsync(response, body, ct);
    }

    /// <summary>
    /// Writes <paramref name="body"/> with its <c>Content-Length</c> (as PostgREST 13 does, PostgREST/postgrest#4016) rather
    /// than chunked: Kestrel then sends the headers and the whole body in one write, where a chunked body costs a second
    /// socket write (and a second wake-up of the client) for its last, empty chunk on every response.
    /// </summary>
    private static Task WriteWithLengthAsync(HttpResponse response, string body, CancellationToken ct)
    {
        response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(body);
        return response.WriteAsync(body, ct);
    }

    /// <summary>
    /// Every failure gets the error object (an empty 404 would read as success in postgrest-js, reference §5.2), plus
    /// <c>Proxy-Status</c>, and <c>WWW-Authenticate</c> on 401 (reference §6.4).
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, PostgrestError error, System.Text.Json.Nodes.JsonNode? details = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = error.Status;
        response.ContentType = MediaTypes.Json;
        response.Headers["Proxy-Status"] = $"PostgREST; error={error.Code}";
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = error.Code.StartsWith("PGRST3", StringComparison.Ordinal)
                ? $"Bearer error=\"invalid_token\", error_description=\"{error.Message}\""
                : "Bearer";
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            var body = JsonSerializer.Serialize(error, s_json);
            if (details is not null)
            {
                // PGRST201's details are a JSON array (PostgrestJsonException); the keys keep PostgrestError's order.
                var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
                node["details"] = details.DeepClone();
                body = node.ToJsonString(s_json);
            }

            await WriteWithLengthAsync(response, body, CancellationToken.None);
        }
    }

    public static string ContentRange(long offset, long rows, long? total) =>
        (rows > 0 ? $"{offset}-{offset + rows - 1}" : "*") + "/" + (total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*");
}
