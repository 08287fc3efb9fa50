using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using SyncOps.Configuration;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Auth;

/// <summary>
/// A SyncOps server configured for a Supabase project: the legacy JWT secret, the project's JWKS (served by
/// <see cref="JwksServer"/>) and the new API keys. Each token reads <c>sync_progress</c> through the REST API.
/// </summary>
public sealed class SupabaseTokenTests : ServerTest, IAsyncLifetime
{
    private const string Publishable = "sb_publishable_test0123456789abcdefghij";
    private const string Secret = "sb_secret_test0123456789abcdefghijklmnop";
    private static readonly ECDsaSecurityKey s_es256 = JwksServer.NewEs256Key("es-key-1");
    private static readonly RsaSecurityKey s_rs256 = JwksServer.NewRs256Key("rs-key-1");
    private JwksServer _jwks = null!;
    private WebApplication _app = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _jwks = await JwksServer.StartAsync();
        _jwks.Publish(s_es256);
        _jwks.Publish(s_rs256);
        _app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Settings = new SyncOpsSettings("postgres://configured-elsewhere", "/nonexistent")
            {
                JwksUrl = _jwks.Url.ToString(),
                PublishableKeys = [Publishable],
                SecretKeys = [Secret],
                JwtSecret = TestServer.Secret,
            },
            DataSource = Server.DataSource,
            MinimumLogLevel = LogLevel.Error,
        });
        await _app.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _jwks.DisposeAsync();
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("HS256")]
    public async Task GoTrueToken_SignedAsSupabaseSigns_ReadsOwnOrganisationOnly(string algorithm)
    {
        var (mine, other) = (NewOrgId(), NewOrgId());
        var (userId, _) = await CreateUserAsync(mine);
        await InsertSyncAsync(mine, "mine");
        await InsertSyncAsync(other, "not-mine");
        SecurityKey key = algorithm switch
        {
            "ES256" => s_es256,
            "RS256" => s_rs256,
            _ => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestServer.Secret)),
        };

        var (status, body) = await ReadSyncsAsync(JwksServer.Sign(key, algorithm, GoTrueClaims.For(userId)), Publishable);

        Assert.Equal(200, status);
        Assert.Equal("""[{"sync_id":"mine"}]""", body);
    }

    [Fact]
    public async Task Es256Token_UnknownKid_RejectedWithNoSuitableKey()
    {
        var stranger = JwksServer.NewEs256Key("never-published");

        var (status, body) = await ReadSyncsAsync(JwksServer.Sign(stranger, "ES256", GoTrueClaims.For(Guid.NewGuid())), Publishable);

        AssertJwtError(status, body, "No suitable key or wrong key type");
    }

    [Fact]
    public async Task Es256Token_SignedByAnotherKeyUnderAPublishedKid_RejectedAsInvalidSignature()
    {
        var impostor = JwksServer.NewEs256Key(s_es256.KeyId);

        var (status, body) = await ReadSyncsAsync(JwksServer.Sign(impostor, "ES256", GoTrueClaims.For(Guid.NewGuid())), Publishable);

        AssertJwtError(status, body, "JWT cryptographic operation failed");
    }

    [Fact]
    public async Task Rs256SwitchedToHs256_PublicKeyAsSecret_Rejected()
    {
        // The classic forgery: take the published RSA key, call the token HS256 and use the key's bytes as HMAC secret.
        var publicPem = Encoding.UTF8.GetBytes(s_rs256.Rsa.ExportSubjectPublicKeyInfoPem());
        var header = Base64UrlEncoder.Encode($$"""{"alg":"HS256","typ":"JWT","kid":"{{s_rs256.KeyId}}"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(GoTrueClaims.For(Guid.NewGuid())));
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(publicPem, Encoding.ASCII.GetBytes(header + "." + payload)));

        var (status, body) = await ReadSyncsAsync($"{header}.{payload}.{signature}", Publishable);

        AssertJwtError(status, body, "JWT cryptographic operation failed");
    }

    [Fact]
    public async Task PublishableKey_AloneAsSupabaseJsSendsIt_IsAnon_SeesNoRows()
    {
        var org = NewOrgId();
        await InsertSyncAsync(org, "hidden");

        var (status, body) = await ReadSyncsAsync(Publishable, Publishable, org);

        Assert.Equal(200, status);
        Assert.Equal("[]", body);
    }

    [Fact]
    public async Task SecretKey_IsServiceRole_SeesEveryOrganisation()
    {
        var org = NewOrgId();
        await InsertSyncAsync(org, "visible-to-service");

        var (status, body) = await ReadSyncsAsync(Secret, Secret, org);

        Assert.Equal(200, status);
        Assert.Equal("""[{"sync_id":"visible-to-service"}]""", body);
    }

    [Fact]
    public async Task UnconfiguredSbKey_RejectedAsInvalidApiKey()
    {
        var (status, body) = await ReadSyncsAsync("sb_secret_guessed0123456789abcdefghijklmnop", null);

        AssertJwtError(status, body, "Invalid API key");
    }

    [Fact]
    public async Task OwnAuthEndpoints_OffWhenSupabaseAuthSignsTheTokens()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };

        using var response = await http.GetAsync(new Uri("/auth/v1/settings", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", error.RootElement.GetProperty("error_code").GetString());
    }

    private static void AssertJwtError(int status, string body, string message)
    {
        Assert.Equal(401, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(("PGRST301", message),
            (error.RootElement.GetProperty("code").GetString(), error.RootElement.GetProperty("message").GetString()));
        Assert.True(error.RootElement.TryGetProperty("details", out _) && error.RootElement.TryGetProperty("hint", out _));
    }

    /// <summary>GET /rest/v1/sync_progress as supabase-js sends it: apikey header and a Bearer token.</summary>
    private async Task<(int Status, string Body)> ReadSyncsAsync(string bearer, string? apiKey, string? orgId = null)
    {
        var filter = orgId is null ? "" : $"&org_id=eq.{orgId}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&order=sync_id{filter}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("apikey", apiKey);
        }

        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
