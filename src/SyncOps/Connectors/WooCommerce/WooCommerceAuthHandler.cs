using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SyncOps.Connections;

namespace SyncOps.Connectors.WooCommerce;

/// <summary>
/// WooCommerce authentication, per attempt (inside the retry loop, so every retry gets a fresh nonce and timestamp):
/// Basic auth over HTTPS; over plain HTTP, OAuth 1.0a one-legged with HMAC-SHA256 in the query string, because
/// WooCommerce ignores Basic and query-string keys unless <c>is_ssl()</c> (connectors.md §1.5).
/// </summary>
internal sealed class WooCommerceAuthHandler(TimeProvider timeProvider) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<ConnectionSecrets> Credentials = new("syncops.woocommerce.credentials");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Credentials, out var secrets) && request.RequestUri is { } uri)
        {
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secrets.Key}:{secrets.Secret}")));
            }
            else
            {
                request.RequestUri = Sign(request.Method.Method, uri, secrets, timeProvider.GetUtcNow().ToUnixTimeSeconds(),
                    Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The URI with oauth_* parameters and their signature (RFC 5849 §3.4 base string, as WooCommerce checks it).</summary>
    public static Uri Sign(string method, Uri uri, ConnectionSecrets secrets, long timestamp, string nonce)
    {
        var parameters = ParseQuery(uri.Query).Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).ToList();
        parameters.Add(new("oauth_consumer_key", secrets.Key ?? ""));
        parameters.Add(new("oauth_nonce", nonce));
        parameters.Add(new("oauth_signature_method", "HMAC-SHA256"));
        parameters.Add(new("oauth_timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var baseUrl = uri.GetLeftPart(UriPartial.Path);
        var signature = Signature(method, baseUrl, parameters, secrets.Secret);
        parameters.Add(new("oauth_signature", signature));
        return new Uri(baseUrl + "?" + string.Join('&', parameters.Select(p => Encode(p.Key) + "=" + Encode(p.Value))));
    }

    public static string Signature(string method, string baseUrl, IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        var normalized = string.Join('&', parameters
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var baseString = method.ToUpperInvariant() + "&" + Encode(baseUrl) + "&" + Encode(normalized);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(baseString));
        return Convert.ToBase64String(hash);
    }

    /// <summary>RFC 3986 percent-encoding (PHP's rawurlencode).</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    public static List<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(kv => KeyValuePair.Create(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : ""))
            .ToList();
}
