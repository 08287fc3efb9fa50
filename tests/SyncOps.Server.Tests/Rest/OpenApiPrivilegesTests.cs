using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// The OpenAPI document follows the caller's privileges (PostgREST's default <c>openapi-mode = follow-privileges</c>):
/// on the product schema, <c>organizations</c> is granted to <c>authenticated</c> only and <c>timeout_stale_syncs</c>
/// to <c>service_role</c> only (migrations), so each role's document differs.
/// </summary>
public sealed class OpenApiPrivilegesTests : ServerTest
{
    [Fact]
    public async Task Anon_DoesNotSeeTablesItHasNoPrivilegeOn()
    {
        var anon = await DefinitionsAsync(Server.Issuer.AnonKey());
        Assert.Contains("sync_progress", anon);
        Assert.DoesNotContain("organizations", anon);
    }

    [Fact]
    public async Task Authenticated_SeesTheTablesGrantedToIt()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var definitions = await DefinitionsAsync(token);
        Assert.Contains("organizations", definitions);
        Assert.Contains("sync_progress", definitions);
    }

    [Fact]
    public async Task Functions_ListedOnlyForRolesThatMayExecuteThem()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var user = await PathsAsync(token);
        var service = await PathsAsync(Server.Issuer.ServiceRoleKey());
        Assert.Contains("/rpc/report_slow_syncs", user);
        Assert.DoesNotContain("/rpc/timeout_stale_syncs", user);
        Assert.Contains("/rpc/timeout_stale_syncs", service);
    }

    [Fact]
    public async Task BadToken_IsRefusedWithTheErrorObject()
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/", "not-a-jwt");
        Assert.Equal(401, response.Status);
        Assert.StartsWith("PGRST", response.ErrorCode, StringComparison.Ordinal);
    }

    private Task<List<string>> DefinitionsAsync(string token) => NamesAsync(token, "definitions");

    private Task<List<string>> PathsAsync(string token) => NamesAsync(token, "paths");

    private async Task<List<string>> NamesAsync(string token, string section)
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/", token);
        Assert.True(response.Status == 200, response.Body);
        return [.. response.Json.GetProperty(section).EnumerateObject().Select(p => p.Name)];
    }
}
