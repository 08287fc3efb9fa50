using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SyncOps.Dashboard.Tests.Infrastructure;

namespace SyncOps.Dashboard.Tests.Users;

/// <summary>The dashboard API's one sign-in filter guards every endpoint of its group, and only those.</summary>
[Collection(DashboardTests.Name)]
public sealed class SignInFilterTests(DashboardFixture fixture)
{
    private const string SignInMessage = """{"message":"sign in with an access token"}""";

    public static TheoryData<string, string> SignedInEndpoints => new()
    {
        { "GET", "/api/me" },
        { "GET", "/api/syncs" },
        { "GET", "/api/syncs/org-x/sync-x" },
        { "POST", "/api/syncs/org-x/sync-x/cancel" },
        { "POST", "/api/syncs" },
        { "POST", "/api/previews" },
        { "POST", "/api/previews/apply" },
        { "GET", "/api/trends" },
        { "GET", "/api/connections" },
        { "GET", "/api/live" },
    };

    [Theory]
    [MemberData(nameof(SignedInEndpoints))]
    public async Task Endpoint_NoToken_401WithTheSignInMessage(string method, string path)
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(Request(method, path, token: null));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(SignInMessage, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(SignedInEndpoints))]
    public async Task Endpoint_ServiceKeyInsteadOfAUserToken_401(string method, string path)
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(Request(method, path, fixture.Issuer.ServiceRoleKey()));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_NoTokenAndNoBody_401BeforeTheBodyIsJudged()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(fixture.BaseUrl + "/api/syncs", content: null);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(SignInMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Me_UserToken_PassesTheFilterAndAnswersAsTheUser()
    {
        var (org, user, token) = await fixture.NewUserAsync();
        using var http = new HttpClient();

        using var response = await http.SendAsync(Request("GET", "/api/me", token));

        Assert.Equal(200, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(user.ToString(), body.RootElement.GetProperty("user_id").GetString());
        Assert.Equal([org], body.RootElement.GetProperty("org_ids").EnumerateArray().Select(o => o.GetString()!).ToArray());
    }

    [Fact]
    public async Task Config_NoToken_OutsideTheGroupAndAnswered()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(Request("GET", "/api/config", token: null));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"demo_sign_in":true}""", await response.Content.ReadAsStringAsync());
    }

    private HttpRequestMessage Request(string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), fixture.BaseUrl + path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
