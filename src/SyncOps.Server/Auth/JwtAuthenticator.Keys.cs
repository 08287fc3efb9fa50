using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Auth;

/// <summary>Which keys check a token: the HS256 secret, or the Supabase project's published keys (JWKS).</summary>
internal sealed partial class JwtAuthenticator
{
    /// <summary>The keys and algorithms a token may be checked with, chosen by the family of its <c>alg</c>.</summary>
    private async Task<TokenValidationParameters> ParametersForAsync(string token)
    {
        JsonWebToken header;
        try
        {
            header = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            throw new PostgrestException(PostgrestError.Jwt("JWT cryptographic operation failed"));
        }

        if (s_symmetric.Contains(header.Alg, StringComparer.Ordinal))
        {
            return _parameters;
        }

        if (_jwks is null || !s_asymmetric.Contains(header.Alg, StringComparer.Ordinal))
        {
            throw new PostgrestException(PostgrestError.Jwt("Wrong or unsupported encoding algorithm"));
        }

        var keys = await _jwks.KeysForAsync(string.IsNullOrEmpty(header.Kid) ? null : header.Kid);
        if (keys.Count == 0)
        {
            throw new PostgrestException(PostgrestError.Jwt("No suitable key or wrong key type"));
        }

        var parameters = _parameters.Clone();
        parameters.IssuerSigningKey = null;
        parameters.IssuerSigningKeys = keys;
        parameters.ValidAlgorithms = s_asymmetric;
        return parameters;
    }
}
