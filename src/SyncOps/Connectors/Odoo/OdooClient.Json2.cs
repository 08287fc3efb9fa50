using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.Odoo;

/// <summary>JSON-2 calls and <c>GET /web/version</c>, through the same resilient handler pipeline as JSON-RPC.</summary>
public sealed partial class OdooClient
{
    /// <summary>POSTs the named arguments to <c>/json/2/model/method</c>; the bare return value, or the error in words (<see cref="Json2Errors"/>).</summary>
    internal async Task<OdooReply> Json2Async(
        string baseUrl, string? database, string apiKey, string model, string method, JsonObject arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/json/2/{Uri.EscapeDataString(model)}/{Uri.EscapeDataString(method)}")
        {
            Content = new StringContent(arguments.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The scheme is written "bearer" in Odoo's own example (fixture json2-search_read.request.http).
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + apiKey);
        if (!string.IsNullOrEmpty(database))
        {
            request.Headers.TryAddWithoutValidation("X-Odoo-Database", database);
        }

        var what = $"Odoo JSON-2 {model}.{method}";
        byte[] body;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            body = await BufferedBody.ReadAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Json2Errors.FromResponse(what, model, method, response, body);
            }
        }
        catch (Exception e) when (SourceErrors.IsTransport(e) && !cancellationToken.IsCancellationRequested)
        {
            throw SourceErrors.FromTransport(what, e);
        }

        var document = JsonDocument.Parse(body);
        return new OdooReply(document, document.RootElement);
    }

    /// <summary>The major version from <c>GET /web/version</c> (<c>{"version_info": [19, 0, ...]}</c>), or null when the server does not say.</summary>
    internal async Task<(int? Major, string? Version)> VersionAsync(string baseUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/web/version");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null);
            }

            using var document = JsonDocument.Parse(await BufferedBody.ReadAsync(response.Content, cancellationToken));
            var root = document.RootElement;
            var major = JsonValues.Property(root, "version_info") is { ValueKind: JsonValueKind.Array } info && info.GetArrayLength() > 0 &&
                info[0].ValueKind == JsonValueKind.Number ? info[0].GetInt32() : (int?)null;
            return (major, JsonValues.Text(root, "version"));
        }
        catch (Exception e) when (SourceErrors.IsTransport(e) && !cancellationToken.IsCancellationRequested)
        {
            throw SourceErrors.FromTransport("Odoo GET /web/version", e);
        }
    }
}
