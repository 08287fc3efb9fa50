using System.Net;
using System.Text;
using System.Text.Json;
using SyncOps.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>The dashboard's password sign-in: cookies, renewal from the refresh token, wrong passwords, sign-out.</summary>
public sealed class PasswordSessionTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task AccessCookieGone_RefreshCookieRenewsTheSession_ThenSignOutEndsIt()
    {
        var user = await Fixture.NewUserAsync();
        var email = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(user.Token).GetPayloadValue<string>("email");
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(Fixture.BaseUrl) };

        using var signIn = await http.PostAsync(new Uri("/api/session", UriKind.Relative), Json(new { email, password = DashboardFixture.Password }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var refresh = Cookie(cookies, "syncops_refresh");
        Assert.False(string.IsNullOrEmpty(refresh));

        // The access token's cookie expired: the next request renews both from the refresh token.
        Cookie(cookies, "syncops_session", expire: true);
        using var me = await http.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.UserId.ToString(), JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("user_id").GetString());
        Assert.NotEqual(refresh, Cookie(cookies, "syncops_refresh"));

        using var signOut = await http.DeleteAsync(new Uri("/api/session", UriKind.Relative));
        Assert.Equal(0L, await ScalarAsync("select count(*) from auth.sessions where user_id = $1", user.UserId));
    }

    [Fact]
    public async Task WrongPassword_FormSaysInvalidLoginCredentials_StaysSignedOut()
    {
        var user = await Fixture.NewUserAsync();
        var email = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(user.Token).GetPayloadValue<string>("email");

        await Page.GotoAsync(Fixture.BaseUrl + "/");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync("not the password");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.Locator("#signin-error")).ToHaveTextAsync("Invalid login credentials");
        await Expect(Page.Locator("#view-signin")).ToBeVisibleAsync();
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private string? Cookie(CookieContainer cookies, string name, bool expire = false)
    {
        var cookie = cookies.GetCookies(new Uri(Fixture.BaseUrl))[name];
        if (cookie is not null && expire)
        {
            cookie.Expired = true;
        }

        return cookie?.Value;
    }

    private async Task<long> ScalarAsync(string sql, Guid id)
    {
        await using var command = Fixture.DataSource.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
