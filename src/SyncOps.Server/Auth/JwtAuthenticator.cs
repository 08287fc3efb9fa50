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
/// token with every progress report. Also as Supabase: ES256/RS256 tokens against the project's JWKS
/// (<see cref="JwksKeySource"/>), and the <c>sb_publishable_</c>/<c>sb_secret_</c> API keys (<see cref="ApiKeys"/>).
/// The algorithm family picks the keys: an HS* token is only ever checked against the secret and an ES*/RS* token only
/// against the published public keys, so a token that names HS256 and was signed with a public key as its secret (the
/// classic algorithm confusion) meets the secret and fails.
/// </summary>
internal sealed partial class JwtAuthenticator
{
    private const int CacheLimit = 10_000;
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new();
    private static readonly string[] s_symmetric = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512];
    private static readonly string[] s_asymmetric =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    ];

    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _timeProvider;
    private readonly JwksKeySource? _jwks;
    private readonly ApiKeys _apiKeys;
    private readonly ConcurrentDictionary<string, (RequestIdentity Identity, DateTimeOffset? Expires)> _cache = new(StringComparer.Ordinal);

    public JwtAuthenticator(string secret, TimeProvider timeProvider, JwksKeySource? jwks = null, ApiKeys? apiKeys = null)
    {
        _timeProvider = timeProvider;
        _jwks = jwks;
        _apiKeys = apiKeys ?? ApiKeys.None;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = s_symmetric,
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

        if (ApiKeys.LooksLikeKey(token))
        {
            // Supabase's gateway answers an unknown key with "Invalid API key"; here in PostgREST's shape.
            var role = _apiKeys.RoleFor(token) ?? throw new PostgrestException(PostgrestError.Jwt("Invalid API key"));
            return new RequestIdentity(role, new JsonObject { ["role"] = role }.ToJsonString());
        }

        var parts = token.Split('.').Length;
        if (parts != 3)
        {
            throw new PostgrestException(PostgrestError.Jwt($"Expected 3 parts in JWT; got {parts}"));
        }

        var result = await _handler.ValidateTokenAsync(token, await ParametersForAsync(token));
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
        // A token without exp or nbf arrives here as DateTime.MinValue, not null; PostgREST accepts such tokens.
        if (expires is { } exp && exp != DateTime.MinValue && exp.ToUniversalTime() + s_clockSkew <= now)
        {
            throw new SecurityTokenExpiredException("JWT expired");
        }

        if (notBefore is { } nbf && nbf != DateTime.MinValue && nbf.ToUniversalTime() - s_clockSkew > now)
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
