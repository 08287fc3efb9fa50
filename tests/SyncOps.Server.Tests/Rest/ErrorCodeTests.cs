using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>Each error code with PostgREST's HTTP status and the four-key body (reference §7).</summary>
public sealed class ErrorCodeTests : ServerTest
{
    private async Task<(string Org, string Token)> UserAsync()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        return (org, token);
    }

    [Theory]
    [InlineData("/rest/v1/sync_progress?id=0", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?id=eqq.1", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?status=is.maybe", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?order=id.asc.nullslasttt", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?or=(id.eq.1", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?limit=-1", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?select=rel(*)", 400, "PGRST200")]
    [InlineData("/rest/v1/sync_progress?select=a:b:c", 400, "PGRST100")]
    [InlineData("/rest/v1/sync_progress?nope=eq.1", 400, "42703")]
    [InlineData("/rest/v1/sync_progress?id=eq.abc", 400, "22P02")]
    [InlineData("/rest/v1/no_such_table", 404, "PGRST205")]
    [InlineData("/rest/v1/auth.users_extended", 404, "PGRST205")]
    [InlineData("/rest/v1/rpc/no_such_function", 404, "PGRST202")]
    [InlineData("/rest/v1/a/b/c", 404, "PGRST125")]
    public async Task Get_BadRequest_StatusAndCode(string path, int status, string code)
    {
        var (_, token) = await UserAsync();
        var response = await SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal($"PostgREST; error={code}", response.Header("Proxy-Status"));
    }

    [Fact]
    public async Task Post_UnknownColumn_400Pgrst204()
    {
        var (org, token) = await UserAsync();
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token, $$"""{"org_id":"{{org}}","bogus":1}""");
        Assert.Equal(400, response.Status);
        Assert.Equal("PGRST204", response.ErrorCode);
        Assert.Equal("Could not find the 'bogus' column of 'sync_progress' in the schema cache", response.Json.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("42")]
    [InlineData("[1,2]")]
    public async Task Post_InvalidBody_400Pgrst102(string body)
    {
        var (_, token) = await UserAsync();
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token, body);
        Assert.Equal(400, response.Status);
        Assert.Equal("PGRST102", response.ErrorCode);
    }

    [Fact]
    public async Task Post_DuplicateKey_409With23505()
    {
        var (org, token) = await UserAsync();
        await InsertSyncAsync(org, "dup");
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token,
            $$"""{"org_id":"{{org}}","sync_id":"dup","entity_type":"customer"}""");
        Assert.Equal(409, response.Status);
        Assert.Equal("23505", response.ErrorCode);
        Assert.StartsWith("duplicate key value violates unique constraint", response.Json.GetProperty("message").GetString());
        // PostgreSQL leaves out "Key (...)=(...) already exists." on tables with row-level security.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("details").ValueKind);
    }

    [Fact]
    public async Task Patch_CountsOverTotal_400With23514AndPostgresMessage()
    {
        var (org, token) = await UserAsync();
        await InsertSyncAsync(org, "a", total: 10);
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}", token, """{"processed_count":11}""");
        Assert.Equal(400, response.Status);
        Assert.Equal("23514", response.ErrorCode);
        Assert.Contains("violates check constraint", response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Patch_FinishedSync_409FromPt409()
    {
        var (org, token) = await UserAsync();
        await InsertSyncAsync(org, "a", total: 1);
        await ExecuteAsync("update public.sync_progress set processed_count = 1 where org_id = $1", org);
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}", token, """{"processed_count":0}""");
        Assert.Equal(409, response.Status);
        Assert.Equal("PT409", response.ErrorCode);
    }

    [Fact]
    public async Task Insert_OtherOrganisationAsUser_403With42501()
    {
        var (_, token) = await UserAsync();
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token,
            """{"org_id":"someone-else","sync_id":"x","entity_type":"customer"}""");
        Assert.Equal(403, response.Status);
        Assert.Equal("42501", response.ErrorCode);
        Assert.Equal("new row violates row-level security policy for table \"sync_progress\"", response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Insert_AsAnon_401With42501AndWwwAuthenticate()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", Server.Issuer.AnonKey(),
            """{"org_id":"someone","sync_id":"x","entity_type":"customer"}""");
        Assert.Equal(401, response.Status);
        Assert.Equal("42501", response.ErrorCode);
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("Accept-Profile", "auth", 406, "PGRST106")]
    [InlineData("Accept", "application/xml", 406, "PGRST107")]
    public async Task Get_UnsupportedNegotiation_406(string header, string value, int status, string code)
    {
        var (_, token) = await UserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v1/sync_progress");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation(header, value);
        using var raw = await Server.Http.SendAsync(request);
        var response = new Response((int)raw.StatusCode, await raw.Content.ReadAsStringAsync(), new Dictionary<string, string>());
        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    [Fact]
    public async Task UnknownMethod_405Pgrst117()
    {
        var (_, token) = await UserAsync();
        var response = await SendAsync(new HttpMethod("PURGE"), "/rest/v1/sync_progress?id=eq.1", token, "{}");
        Assert.Equal(405, response.Status);
        Assert.Equal("PGRST117", response.ErrorCode);
    }

    [Fact]
    public async Task Get_UrlOverLimit_414WithErrorObject()
    {
        var (_, token) = await UserAsync();
        var list = string.Join(",", Enumerable.Range(0, 4000).Select(i => "id" + i));
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?sync_id=in.({list})", token);
        Assert.Equal(414, response.Status);
        Assert.Equal("SYNCOPS414", response.ErrorCode);
    }
}
