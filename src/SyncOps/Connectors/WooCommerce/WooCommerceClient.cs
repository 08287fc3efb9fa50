using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SyncOps.Connections;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.WooCommerce;

/// <summary>The typed HttpClient for WooCommerce REST v3; its handler pipeline retries, limits and authenticates.</summary>
public sealed class WooCommerceClient(HttpClient http)
{
    /// <summary>GETs a list or object; the body and the paging headers, or the store's error verbatim.</summary>
    internal async Task<WooResponse> GetAsync(Uri url, ConnectionSecrets secrets, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // WordPress hides PHP notices only when it sees a JSON request (connectors.md §1.9).
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(WooCommerceAuthHandler.Credentials, secrets);
        var what = $"GET {url.AbsolutePath}";
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await BufferedBody.ReadAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw SourceErrors.FromResponse(what, response, body, ReadError);
            }

            return new WooResponse(body, Header(response, "X-WP-Total"), Header(response, "X-WP-TotalPages"));
        }
        catch (Exception e) when (SourceErrors.IsTransport(e) && !cancellationToken.IsCancellationRequested)
        {
            throw SourceErrors.FromTransport(what, e);
        }
    }

    /// <summary>WooCommerce's error body: <c>{"code", "message", "data": {"status"}}</c>.</summary>
    private static (string?, string?) ReadError(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
            ? (JsonValues.Text(root, "code"), JsonValues.Text(root, "message"))
            : (null, null);

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) &&
        int.TryParse(values.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary>A WooCommerce response: the JSON body and the X-WP-Total / X-WP-TotalPages headers.</summary>
internal sealed record WooResponse(byte[] Body, int? Total, int? TotalPages);
