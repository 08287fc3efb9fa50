using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Auth;

/// <summary>
/// Turns <c>Authorization: Bearer</c> (or, without it, the <c>apikey</c> header) into a <see cref="RequestIdentity"/>
/// as PostgREST does (protocol reference §8.1): HS256/384/512 against the secret, <c>exp</c>/<c>nbf</c> with 30 s of
/// clock skew, role from the <c>role</c> claim (anon when absent), errors PGRST301 (cannot decode or verify) and
/// PGRST303 (claims, e.g. expired). Validated tokens are remembered until they expire: the same worker sends the same
/// token with every progress report.
/// </summary>
public sealed class JwtAuthenticator
{
    private const int CacheLimit = 10_000;
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (RequestIdentity Identity, DateTimeOffset? Expires)> _cache = new(StringComparer.Ordinal);

    public JwtAuthenticator(string secret, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ClockSkew = s_clockSkew,
            LifetimeValidator = ValidateLifetime,
        };
    }

    /// <summary>The identity for a request's headers; throws <see cref="PostgrestException"/> for a bad token.</summary>
    public async Task<RequestIdentity> AuthenticateAsync(string? authorization, string? apiKey)
    {
        string? token = null;
        if (!string.IsNullOrEmpty(authorization))
        {
            const string bearer = "Bearer ";
            if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            {
                // PostgREST ignores other schemes; so would we, but then a forgotten "Bearer" silently means anon.
                throw new PostgrestException(PostgrestError.Jwt("Authorization header must use the Bearer scheme"));
            }

            token = authorization[bearer.Length..].Trim();
            if (token.Length == 0)
            {
                throw new PostgrestException(PostgrestError.Jwt("Empty JWT is sent in Authorization header"));
            }
        }
        else if (!string.IsNullOrEmpty(apiKey))
        {
            token = apiKey.Trim();
        }

        if (token is null)
        {
            return RequestIdentity.Anonymous; // PostgREST's db-anon-role: RLS gives anon nothing here
        }

        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(token, out var cached) && (cached.Expires is null || cached.Expires.Value + s_clockSkew > now))
        {
            return cached.Identity;
        }

        var parts = token.Split('.').Length;
        if (parts != 3)
        {
            throw new PostgrestException(PostgrestError.Jwt($"Expected 3 parts in JWT; got {parts}"));
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            throw new PostgrestException(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var identity = ToIdentity(jwt);
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }

        _cache[token] = (identity, jwt.TryGetPayloadValue<long>("exp", out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null);
        return identity;
    }

    private static RequestIdentity ToIdentity(JsonWebToken jwt)
    {
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = JsonNode.Parse(payload) as JsonObject
            ?? throw new PostgrestException(PostgrestError.Jwt("JWT payload is not a JSON object"));
        var role = claims["role"] is JsonValue value && value.TryGetValue<string>(out var named) ? named : RoleNames.Anon;
        if (!RoleNames.IsAllowed(role))
        {
            throw new PostgrestException(PostgrestError.UnknownRole(role));
        }

        claims["role"] = role;
        return new RequestIdentity(role, claims.ToJsonString());
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (expires is { } exp && exp.ToUniversalTime() + s_clockSkew <= now)
        {
            throw new SecurityTokenExpiredException("JWT expired");
        }

        if (notBefore is { } nbf && nbf.ToUniversalTime() - s_clockSkew > now)
        {
            throw new SecurityTokenNotYetValidException("JWT not yet valid");
        }

        return true;
    }

    private static PostgrestError Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => PostgrestError.JwtClaims("JWT expired"),
        SecurityTokenNotYetValidException => PostgrestError.JwtClaims("JWT not yet valid"),
        SecurityTokenInvalidAlgorithmException => PostgrestError.Jwt("Wrong or unsupported encoding algorithm"),
        PostgrestException p => p.Error,
        _ => PostgrestError.Jwt("JWT cryptographic operation failed"),
    };
}
