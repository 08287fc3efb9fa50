using System.Security.Cryptography;
using System.Text;

namespace SyncOps.Webhooks;

/// <summary>
/// WooCommerce's delivery signature: <c>base64_encode(hash_hmac('sha256', $body, $secret, true))</c> over the body
/// exactly as sent (WC_Webhook::generate_signature; WCDOCS <c>_webhooks.md</c>).
/// </summary>
public static class WebhookSignature
{
    public static string Compute(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="signature"/> is the body's; compared in constant time, so timing tells nothing.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        Span<byte> given = stackalloc byte[64];
        // A header that is not base64 of 32 bytes cannot match; FixedTimeEquals compares the decoded bytes only.
        return Convert.TryFromBase64String(signature.Trim(), given, out var length) && length == 32 &&
               CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}
