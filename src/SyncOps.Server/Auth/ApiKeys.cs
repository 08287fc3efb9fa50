using System.Security.Cryptography;
using System.Text;

namespace SyncOps.Server.Auth;

/// <summary>
/// Supabase's new API keys, which are not JWTs: <c>sb_publishable_...</c> stands for the anon key and
/// <c>sb_secret_...</c> for the service_role key. Supabase's gateway swaps either for a role before PostgREST sees the
/// request; here the authenticator does, for the <c>apikey</c> header and for <c>Authorization: Bearer</c> (supabase-js
/// sends the key there too while no user is signed in).
/// </summary>
internal sealed class ApiKeys
{
    public const string PublishablePrefix = "sb_publishable_";
    public const string SecretPrefix = "sb_secret_";
    private readonly byte[][] _publishable;
    private readonly byte[][] _secret;

    public ApiKeys(IEnumerable<string> publishable, IEnumerable<string> secret)
    {
        _publishable = Checked(publishable, PublishablePrefix);
        _secret = Checked(secret, SecretPrefix);
    }

    public static ApiKeys None { get; } = new([], []);

    /// <summary>True for any text shaped like one of these keys, configured or not.</summary>
    public static bool LooksLikeKey(string token) =>
        token.StartsWith(PublishablePrefix, StringComparison.Ordinal) || token.StartsWith(SecretPrefix, StringComparison.Ordinal);

    /// <summary>The role a configured key stands for, or null when the key is not configured.</summary>
    public string? RoleFor(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        // Compared in constant time against every key, so the time taken says nothing about how much of a key matched.
        var publishable = _publishable.Aggregate(false, (found, key) => CryptographicOperations.FixedTimeEquals(key, bytes) | found);
        var secret = _secret.Aggregate(false, (found, key) => CryptographicOperations.FixedTimeEquals(key, bytes) | found);
        return secret ? RoleNames.ServiceRole : publishable ? RoleNames.Anon : null;
    }

    private static byte[][] Checked(IEnumerable<string> keys, string prefix) =>
        keys.Select(key => key.StartsWith(prefix, StringComparison.Ordinal) && key.Length >= prefix.Length + 16
                ? Encoding.UTF8.GetBytes(key)
                : throw new SyncOpsException($"an API key configured as {prefix}... must start with {prefix} and be at least {prefix.Length + 16} characters long"))
            .ToArray();
}
