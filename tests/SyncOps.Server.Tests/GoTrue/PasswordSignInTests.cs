using System.Text.Json;

namespace SyncOps.Server.Tests.GoTrue;

public sealed class PasswordSignInTests : GoTrueTest
{
    [Fact]
    public async Task Password_RightCredentials_GoTrueSessionWhoseTokenReadsOwnOrganisation()
    {
        var (mine, other) = (NewOrgId(), NewOrgId());
        var (userId, email) = await CreatePasswordUserAsync(mine);
        await InsertSyncAsync(mine, "mine");
        await InsertSyncAsync(other, "not-mine");

        var session = await SignInAsync(email.ToUpperInvariant(), Password);

        Assert.Equal(200, session.Status);
        var json = session.Json;
        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.GetProperty("expires_in").GetInt32());
        Assert.True(json.GetProperty("expires_at").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("refresh_token").GetString()));
        Assert.Equal(userId.ToString(), json.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(email, json.GetProperty("user").GetProperty("email").GetString());
        var rows = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=sync_id", json.GetProperty("access_token").GetString());
        Assert.Equal("""[{"sync_id":"mine"}]""", rows.Body);
    }

    [Fact]
    public async Task Password_WrongPasswordOrUnknownEmail_SameInvalidCredentialsError()
    {
        var (_, email) = await CreatePasswordUserAsync(NewOrgId());

        var wrongPassword = await SignInAsync(email, "not the password");
        var unknownEmail = await SignInAsync("nobody-" + email, Password);

        Assert.Equal((400, "invalid_credentials"), (wrongPassword.Status, GoTrueErrorCode(wrongPassword)));
        Assert.Equal(wrongPassword.Body, unknownEmail.Body);
    }

    [Fact]
    public async Task Password_SqlInTheEmail_IsJustAnUnknownAddress()
    {
        var (_, email) = await CreatePasswordUserAsync(NewOrgId());

        var response = await SignInAsync($"{email}' or '1'='1", Password);

        Assert.Equal((400, "invalid_credentials"), (response.Status, GoTrueErrorCode(response)));
        Assert.True(await ScalarAsync<long>("select count(*) from auth.users") > 0);
    }

    [Fact]
    public async Task Password_WrongTwentyTimes_RateLimitedPerAccount_EvenTheRightPasswordWaits()
    {
        var (_, email) = await CreatePasswordUserAsync(NewOrgId());

        var statuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await SignInAsync(email, "guess-" + i)).Status);
        }

        var right = await SignInAsync(email, Password);

        Assert.Equal(Enumerable.Repeat(400, 10).Concat(Enumerable.Repeat(429, 10)), statuses);
        Assert.Equal((429, "over_request_rate_limit"), (right.Status, GoTrueErrorCode(right)));
    }

    [Fact]
    public async Task Token_UnknownGrantOrBadJson_GoTrueErrors()
    {
        var grant = await SendAsync(HttpMethod.Post, "/auth/v1/token?grant_type=magic", body: "{}");
        var json = await SendAsync(HttpMethod.Post, "/auth/v1/token?grant_type=password", body: "{not json");

        Assert.Equal((400, "unsupported_grant_type"), (grant.Status, GoTrueErrorCode(grant)));
        Assert.Equal((400, "bad_json"), (json.Status, GoTrueErrorCode(json)));
    }

    [Fact]
    public async Task Signup_OffByDefault_SignupDisabled()
    {
        var response = await SendAsync(HttpMethod.Post, "/auth/v1/signup",
            body: JsonSerializer.Serialize(new { email = "new@example.com", password = Password }));

        Assert.Equal((422, "signup_disabled"), (response.Status, GoTrueErrorCode(response)));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from auth.users where email = 'new@example.com'"));
    }

    [Fact]
    public async Task SettingsAndJwks_AsGoTruePublishesThem()
    {
        var settings = await SendAsync(HttpMethod.Get, "/auth/v1/settings");
        var jwks = await SendAsync(HttpMethod.Get, "/auth/v1/.well-known/jwks.json");

        Assert.True(settings.Json.GetProperty("disable_signup").GetBoolean());
        Assert.True(settings.Json.GetProperty("external").GetProperty("email").GetBoolean());
        Assert.Equal("""{"keys":[]}""", jwks.Body);
    }
}
