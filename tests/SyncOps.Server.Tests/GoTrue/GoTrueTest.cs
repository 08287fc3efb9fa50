using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Operations;
using SyncOps.Server.GoTrue;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.GoTrue;

/// <summary>Base for <c>/auth/v1</c> tests: password users in an organisation, and GoTrue's error shape.</summary>
public abstract class GoTrueTest : ServerTest
{
    protected const string Password = "correct horse battery";

    /// <summary>A user with an e-mail and password, at home in <paramref name="orgId"/>, as <c>syncops user add</c> makes one.</summary>
    protected async Task<(Guid Id, string Email)> CreatePasswordUserAsync(string orgId)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var user = await Server.App.Services.GetRequiredService<AuthUserStore>().CreateAsync(email, Password);
        await new Organizations(Server.DataSource).AddUserAsync(orgId, user.Id, email);
        return (user.Id, email);
    }

    protected Task<Response> SignInAsync(string email, string password) =>
        SendAsync(HttpMethod.Post, "/auth/v1/token?grant_type=password", body: JsonSerializer.Serialize(new { email, password }));

    protected Task<Response> RefreshAsync(string refreshToken) =>
        SendAsync(HttpMethod.Post, "/auth/v1/token?grant_type=refresh_token", body: JsonSerializer.Serialize(new { refresh_token = refreshToken }));

    /// <summary>Checks GoTrue's error body, <c>{code: status, error_code, msg}</c>, and returns its error_code.</summary>
    protected static string GoTrueErrorCode(Response response)
    {
        var json = response.Json;
        Assert.Equal(response.Status, json.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("msg").GetString()), response.Body);
        return json.GetProperty("error_code").GetString()!;
    }
}
