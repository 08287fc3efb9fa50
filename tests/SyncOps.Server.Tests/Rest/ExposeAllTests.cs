using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncOps.Configuration;
using SyncOps.Server.Rest;
using SyncOps.Server.Tests.Infrastructure;
using SyncOps.Server.Tests.Rest.Conformance;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// <c>SYNCOPS_EXPOSE_ALL</c>: a table without row-level security (an existing Supabase project's own table) is not
/// served by default, anywhere (the table itself, embeds into it, the OpenAPI document), and is served everywhere when
/// the operator turns the setting on. Runs on the conformance database, whose <c>users</c> has RLS.
/// </summary>
public sealed class ExposeAllTests : ServerTest
{
    private const string LegacyTable = """
        create table if not exists public.legacy_notes (
            id bigint primary key, user_id bigint references public.users (id), note text not null);
        grant select, insert, update, delete on public.legacy_notes to anon, authenticated, service_role;
        insert into public.legacy_notes values (1, 1, 'kept from the old app') on conflict do nothing;
        """;

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    public void FromVariables_ReadsTheFlag(string? value, bool expected)
    {
        var settings = SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.ExposeAllVariable ? value : null);
        Assert.Equal(expected, settings.ExposeAll);
    }

    [Fact]
    public void FromVariables_NotABoolean_ErrorNamesTheVariable()
    {
        var error = Assert.Throws<SyncOpsException>(() =>
            SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.ExposeAllVariable ? "maybe" : null));
        Assert.Contains("SYNCOPS_EXPOSE_ALL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_TableWithoutRls_IsNotFound_NotEmbeddable_NotDescribed()
    {
        var conformance = await PrepareAsync();
        var table = await GetAsync(conformance.Http, "/rest/v1/legacy_notes?select=*", conformance.AcmeToken);
        Assert.Equal(404, table.Status);
        Assert.Equal("PGRST205", table.Body.GetProperty("code").GetString());
        Assert.Equal("Could not find the table 'public.legacy_notes' in the schema cache", table.Body.GetProperty("message").GetString());

        var embed = await GetAsync(conformance.Http, "/rest/v1/users?select=id,legacy_notes(note)", conformance.AcmeToken);
        Assert.Equal(400, embed.Status);
        Assert.Equal("PGRST200", embed.Body.GetProperty("code").GetString());

        var document = await GetAsync(conformance.Http, "/rest/v1/", conformance.AcmeToken);
        Assert.False(document.Body.GetProperty("definitions").TryGetProperty("legacy_notes", out _));
    }

    [Fact]
    public async Task On_TableWithoutRls_IsServedEmbeddedAndDescribed()
    {
        var conformance = await PrepareAsync();
        await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = conformance.DataSource,
            Settings = SyncOpsSettings.FromVariables(name => name switch
            {
                SyncOpsSettings.ExposeAllVariable => "true",
                SyncOpsSettings.DatabaseUrlVariable => "postgres://configured-elsewhere",
                SyncOpsSettings.JwtSecretVariable => TestServer.Secret,
                _ => null,
            }),
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var table = await GetAsync(http, "/rest/v1/legacy_notes?select=id,note&id=eq.1", conformance.AcmeToken);
        Assert.Equal(200, table.Status);
        Assert.Equal("""[{"id":1,"note":"kept from the old app"}]""", table.Body.GetRawText());

        var embed = await GetAsync(http, "/rest/v1/users?select=id,legacy_notes(note)&id=eq.1", conformance.AcmeToken);
        Assert.Equal(200, embed.Status);
        Assert.Equal("""[{"id":1,"legacy_notes":[{"note":"kept from the old app"}]}]""", embed.Body.GetRawText());

        var document = await GetAsync(http, "/rest/v1/", conformance.AcmeToken);
        Assert.True(document.Body.GetProperty("definitions").TryGetProperty("legacy_notes", out _));
        Assert.True(app.Services.GetRequiredService<RestOptions>().ExposeAll);
    }

    private static async Task<ConformanceServer> PrepareAsync()
    {
        var conformance = await ConformanceServer.GetAsync();
        await using var command = conformance.DataSource.CreateCommand(LegacyTable);
        await command.ExecuteNonQueryAsync();
        return conformance;
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("apikey", token);
        request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
