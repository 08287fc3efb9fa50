using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncOps.Configuration;
using SyncOps.Server.Auth;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>Several servers against one external database, none configured with a secret, behind a load balancer.</summary>
public sealed class SideBySideServersTests : ServerTest
{
    [Fact]
    public async Task TwoServers_SameExternalDatabase_AcceptEachOthersTokensAndShareWrites()
    {
        var external = new SyncOpsSettings("postgres://configured-elsewhere", "/nonexistent");
        await using var first = await StartAsync(external);
        await using var second = await StartAsync(external);
        var org = NewOrgId();
        var (userId, _) = await CreateUserAsync(org);
        var token = first.Services.GetRequiredService<JwtIssuer>().UserToken(userId, TimeSpan.FromMinutes(5));

        using var firstClient = new HttpClient { BaseAddress = new Uri(first.Urls.First()) };
        using var secondClient = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        using var insert = new HttpRequestMessage(HttpMethod.Post, "/rest/v1/sync_progress")
        {
            Content = new StringContent($$"""{"org_id":"{{org}}","sync_id":"shared","entity_type":"customer"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        insert.Headers.Add("Authorization", "Bearer " + token);
        using var inserted = await firstClient.SendAsync(insert);
        Assert.Equal(201, (int)inserted.StatusCode);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}");
        read.Headers.Add("Authorization", "Bearer " + token);
        using var response = await secondClient.SendAsync(read);
        Assert.Equal("""[{"sync_id":"shared"}]""", await response.Content.ReadAsStringAsync());
    }

    private async Task<WebApplication> StartAsync(SyncOpsSettings settings)
    {
        var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Settings = settings,
            Urls = "http://127.0.0.1:0",
            DataSource = Server.DataSource,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        return app;
    }
}
