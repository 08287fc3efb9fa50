namespace SyncOps.Server.Tests.GoTrue;

public sealed class SessionTests : GoTrueTest
{
    [Fact]
    public async Task Refresh_RotatesTheToken_NewAccessTokenForTheSameUser()
    {
        var (userId, email) = await CreatePasswordUserAsync(NewOrgId());
        var first = (await SignInAsync(email, Password)).Json;

        var refreshed = await RefreshAsync(first.GetProperty("refresh_token").GetString()!);

        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(first.GetProperty("refresh_token").GetString(), refreshed.Json.GetProperty("refresh_token").GetString());
        var user = await SendAsync(HttpMethod.Get, "/auth/v1/user", refreshed.Json.GetProperty("access_token").GetString());
        Assert.Equal(userId.ToString(), user.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Refresh_ReusedToken_RevokesTheWholeSession()
    {
        var (_, email) = await CreatePasswordUserAsync(NewOrgId());
        var signIn = (await SignInAsync(email, Password)).Json;
        var stolen = signIn.GetProperty("refresh_token").GetString()!;
        var legitimate = (await RefreshAsync(stolen)).Json;

        var reuse = await RefreshAsync(stolen);
        var childAfterReuse = await RefreshAsync(legitimate.GetProperty("refresh_token").GetString()!);
        var user = await SendAsync(HttpMethod.Get, "/auth/v1/user", legitimate.GetProperty("access_token").GetString());

        Assert.Equal((400, "refresh_token_already_used"), (reuse.Status, GoTrueErrorCode(reuse)));
        Assert.Equal((400, "refresh_token_not_found"), (childAfterReuse.Status, GoTrueErrorCode(childAfterReuse)));
        Assert.Equal((403, "session_not_found"), (user.Status, GoTrueErrorCode(user)));
    }

    [Fact]
    public async Task Refresh_TokenOlderThanItsLifetime_SessionExpired()
    {
        var (userId, email) = await CreatePasswordUserAsync(NewOrgId());
        var token = (await SignInAsync(email, Password)).Json.GetProperty("refresh_token").GetString()!;
        await ExecuteAsync("update auth.refresh_tokens set created_at = created_at - interval '31 days' where user_id = $1", userId);

        var response = await RefreshAsync(token);

        Assert.Equal((400, "session_expired"), (response.Status, GoTrueErrorCode(response)));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from auth.sessions where user_id = $1", userId));
    }

    [Fact]
    public async Task User_WithoutOrWithABadToken_GoTrueErrors()
    {
        var none = await SendAsync(HttpMethod.Get, "/auth/v1/user");
        var bad = await SendAsync(HttpMethod.Get, "/auth/v1/user", "not.a.token");
        var anonKey = await SendAsync(HttpMethod.Get, "/auth/v1/user", Server.Issuer.AnonKey());

        Assert.Equal((401, "no_authorization"), (none.Status, GoTrueErrorCode(none)));
        Assert.Equal((403, "bad_jwt"), (bad.Status, GoTrueErrorCode(bad)));
        Assert.Equal((403, "bad_jwt"), (anonKey.Status, GoTrueErrorCode(anonKey)));
    }

    [Fact]
    public async Task Logout_EndsTheSession_TokenNoLongerGetsTheUserNorRefreshes()
    {
        var (_, email) = await CreatePasswordUserAsync(NewOrgId());
        var session = (await SignInAsync(email, Password)).Json;
        var accessToken = session.GetProperty("access_token").GetString();

        var logout = await SendAsync(HttpMethod.Post, "/auth/v1/logout", accessToken);
        var user = await SendAsync(HttpMethod.Get, "/auth/v1/user", accessToken);
        var refresh = await RefreshAsync(session.GetProperty("refresh_token").GetString()!);

        Assert.Equal(204, logout.Status);
        Assert.Equal((403, "session_not_found"), (user.Status, GoTrueErrorCode(user)));
        Assert.Equal((400, "refresh_token_not_found"), (refresh.Status, GoTrueErrorCode(refresh)));
    }
}
