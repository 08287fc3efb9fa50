using Microsoft.Extensions.Logging;
using SyncOps.Configuration;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary><c>SYNCOPS_DB_SCHEMAS</c>: read once into the settings, and what the server exposes.</summary>
public sealed class ExposedSchemasSettingTests : ServerTest
{
    [Theory]
    [InlineData(null, new[] { "public" })]
    [InlineData(" , ", new[] { "public" })]
    [InlineData("public, reports", new[] { "public", "reports" })]
    [InlineData("api", new[] { "api" })]
    public void FromVariables_SplitsTheList(string? value, string[] expected)
    {
        var settings = SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.DbSchemasVariable ? value : null);
        Assert.Equal(expected, settings.DbSchemas);
    }

    [Fact]
    public async Task Server_ExposesTheConfiguredSchemas_AndNamesThemInPgrst106()
    {
        var settings = SyncOpsSettings.FromVariables(name => name switch
        {
            SyncOpsSettings.DbSchemasVariable => "public,extra",
            SyncOpsSettings.DatabaseUrlVariable => "postgres://configured-elsewhere",
            SyncOpsSettings.JwtSecretVariable => TestServer.Secret,
            _ => null,
        });
        await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Settings = settings,
            DataSource = Server.DataSource,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v1/sync_progress");
        request.Headers.Add("Accept-Profile", "auth");
        using var response = await client.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(406, (int)response.StatusCode);
        Assert.Equal("Only the following schemas are exposed: public, extra", body.GetProperty("hint").GetString());
    }
}
