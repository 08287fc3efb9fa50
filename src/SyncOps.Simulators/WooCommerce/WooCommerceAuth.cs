using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SyncOps.Simulators.WooCommerce;

/// <summary>
/// WooCommerce's REST authentication (WC_REST_Authentication, connectors.md §1.5): Basic or query-string keys only over
/// HTTPS (or behind a proxy saying X-Forwarded-Proto: https); over HTTP, OAuth 1.0a one-legged with HMAC-SHA1/256, a
/// timestamp within 15 minutes and single-use nonces. Returns null when allowed, else (status, code, message).
/// </summary>
internal sealed class WooCommerceAuth(SimulatorOptions options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, long> _nonces = new();
    private int _pruneAt = 100_000;

    public (int Status, string Code, string Message)? Check(HttpRequest request)
    {
        var https = request.IsHttps || request.Headers["X-Forwarded-Proto"] == "https";
        if (https)
        {
            var (givenKey, secret) = BasicOrQuery(request);
            if (givenKey is null)
            {
                return CannotView;
            }

            return givenKey != options.ConsumerKey ? Error("Consumer key is invalid.")
                : secret != options.ConsumerSecret ? Error("Consumer secret is invalid.") : null;
        }

        var query = request.Query;
        if (!query.ContainsKey("oauth_consumer_key") && !query.ContainsKey("oauth_signature"))
        {
            return CannotView;
        }

        foreach (var required in new[] { "oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method" })
        {
            if (string.IsNullOrEmpty(query[required]))
            {
                return (401, "woocommerce_rest_authentication_missing_parameter", $"Missing OAuth parameter {required}");
            }
        }

        if (query["oauth_consumer_key"] != options.ConsumerKey)
        {
            return Error("Consumer key is invalid.");
        }

        var method = query["oauth_signature_method"].ToString();
        if (method is not ("HMAC-SHA1" or "HMAC-SHA256"))
        {
            return Error("Invalid signature - signature method is invalid.");
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (!long.TryParse(query["oauth_timestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp) || Math.Abs(now - timestamp) > 15 * 60)
        {
            return Error("Invalid timestamp.");
        }

        var parameters = query.Where(p => p.Key != "oauth_signature").Select(p => (Key: Encode(p.Key), Value: Encode(p.Value.ToString())))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var baseString = $"{request.Method.ToUpperInvariant()}&{Encode(baseUrl)}&{Encode(string.Join('&', parameters.Select(p => p.Key + "=" + p.Value)))}";
        var key = Encoding.UTF8.GetBytes(options.ConsumerSecret + "&");
        var data = Encoding.UTF8.GetBytes(baseString);
        // HMAC-SHA1 is what WooCommerce accepts besides SHA-256; the simulator must accept what the store does.
#pragma warning disable CA5350
        var expected = Convert.ToBase64String(method == "HMAC-SHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data));
#pragma warning restore CA5350
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(query["oauth_signature"].ToString())))
        {
            return Error("Invalid signature - provided signature does not match.");
        }

        if (!_nonces.TryAdd(query["oauth_nonce"].ToString(), timestamp))
        {
            return Error("Invalid nonce - nonce has already been used.");
        }

        if (_nonces.Count > Volatile.Read(ref _pruneAt))
        {
            foreach (var old in _nonces.Where(n => now - n.Value > 15 * 60).ToList())
            {
                _nonces.TryRemove(old.Key, out _);
            }

            // The next sweep waits until the nonces doubled: when more than 100,000 are younger than 15 minutes (a
            // 10,000,000-record scan), a sweep on every request read them all each time and stalled the scan.
            Volatile.Write(ref _pruneAt, Math.Max(100_000, _nonces.Count * 2));
        }

        return null;
    }

    private static (int, string, string) CannotView => (401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");

    private static (int, string, string) Error(string message) => (401, "woocommerce_rest_authentication_error", message);

    private static (string? Key, string? Secret) BasicOrQuery(HttpRequest request)
    {
        // Query-string keys are checked first (WC_REST_Authentication::perform_basic_authentication).
        if (!string.IsNullOrEmpty(request.Query["consumer_key"]))
        {
            return (request.Query["consumer_key"], request.Query["consumer_secret"]);
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
        return (decoded[0], decoded.Length > 1 ? decoded[1] : "");
    }

    private static string Encode(string value) => Uri.EscapeDataString(value);
}
