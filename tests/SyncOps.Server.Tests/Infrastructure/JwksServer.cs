using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SyncOps.Server.Tests.Infrastructure;

/// <summary>
/// Stands in for Supabase Auth's <c>/auth/v1/.well-known/jwks.json</c>: a real HTTP server publishing the public halves
/// of the keys it signs with (ES256 and RS256, as projects with asymmetric signing keys do), counting its fetches.
/// </summary>
public sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<SecurityKey> _published = [];
    private int _fetches;

    private JwksServer(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/auth/v1/.well-known/jwks.json");

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>When true the server answers 503, as an unreachable Auth server would fail.</summary>
    public bool Failing { get; set; }

    public static async Task<JwksServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new JwksServer(app);
        app.MapGet("/auth/v1/.well-known/jwks.json", server.Serve);
        await app.StartAsync();
        return server;
    }

    public static ECDsaSecurityKey NewEs256Key(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    public static RsaSecurityKey NewRs256Key(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>Publishes the public half of a key from now on.</summary>
    public void Publish(SecurityKey key)
    {
        lock (_published)
        {
            _published.Add(key);
        }
    }

    /// <summary>A token signed with the key, with the claims given (iat/exp a minute either side of now).</summary>
    public static string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    private IResult Serve()
    {
        Interlocked.Increment(ref _fetches);
        if (Failing)
        {
            return Results.StatusCode(503);
        }

        var keys = new List<Dictionary<string, object>>();
        lock (_published)
        {
            foreach (var key in _published)
            {
                var jwk = key switch
                {
                    ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(
                        new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId }),
                    RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(
                        new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId }),
                    _ => throw new InvalidOperationException("only EC and RSA keys are published"),
                };
                var entry = new Dictionary<string, object> { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig" };
                if (jwk.Kty == "EC")
                {
                    entry["crv"] = jwk.Crv;
                    entry["x"] = jwk.X;
                    entry["y"] = jwk.Y;
                    entry["alg"] = "ES256";
                }
                else
                {
                    entry["n"] = jwk.N;
                    entry["e"] = jwk.E;
                    entry["alg"] = "RS256";
                }

                keys.Add(entry);
            }
        }

        return Results.Json(new { keys });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
