using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SyncOps.Server.Auth;

/// <summary>
/// Mints HS256 tokens shaped like Supabase's: long-lived anon and service_role keys
/// (<c>{"iss","role","iat","exp"}</c>) and user access tokens (<c>sub</c>, <c>role: authenticated</c>,
/// <c>aud: authenticated</c>), so RLS policies written for Supabase (<c>auth.uid()</c>, <c>auth.jwt()</c>) work unchanged.
/// </summary>
internal sealed class JwtIssuer(string secret, TimeProvider timeProvider)
{
    public const string Issuer = "syncops";

    /// <summary>Supabase's legacy API keys live for ten years.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(3650);

    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);

    public string AnonKey() => Create(new Dictionary<string, object> { ["role"] = RoleNames.Anon }, KeyLifetime);

    public string ServiceRoleKey() =>
        Create(new Dictionary<string, object> { ["role"] = RoleNames.ServiceRole }, KeyLifetime);

    public string UserToken(Guid userId, TimeSpan lifetime, string? email = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["role"] = RoleNames.Authenticated,
            ["aud"] = "authenticated",
            ["aal"] = "aal1",
            ["is_anonymous"] = false,
        };
        if (email is not null)
        {
            claims["email"] = email;
        }

        return Create(claims, lifetime);
    }

    /// <summary>Any claims, for tests and tools; <paramref name="lifetime"/> may be negative (an expired token).</summary>
    public string Create(IDictionary<string, object> claims, TimeSpan lifetime)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var expires = now + lifetime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = lifetime < TimeSpan.Zero ? expires - TimeSpan.FromHours(1) : now,
            Expires = expires,
            SigningCredentials = _credentials,
        });
    }
}
