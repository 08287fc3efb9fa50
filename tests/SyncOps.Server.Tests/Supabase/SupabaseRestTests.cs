using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Operations;
using SyncOps.Server.Tests.Auth;
using SyncOps.Server.Tests.Infrastructure;
using SyncOps.Testing.Supabase;

namespace SyncOps.Server.Tests.Supabase;

/// <summary>
/// <c>syncops serve</c> on a Supabase-shaped project database, connected as its non-superuser <c>postgres</c> role, with
/// users that Supabase Auth created and tokens signed as Supabase Auth signs them: the guide's calls through the REST API.
/// </summary>
public sealed class SupabaseRestTests : IAsyncLifetime
{
    private SupabaseProject _project = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        await new Migrator(_project.Owner).MigrateAsync();
        _app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Settings = new SyncOpsSettings("postgres://supabase-project", "/nonexistent") { JwtSecret = TestServer.Secret },
            DataSource = _project.Owner,
            MinimumLogLevel = LogLevel.Error,
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _project.DisposeAsync();
    }

    [Fact]
    public async Task GuideCalls_AsSupabaseAuthUsers_EachOrganisationSeesAndWritesOnlyItsOwn()
    {
        var alice = await SupabaseUserAsync("alice@example.com", "org-alice");
        var bob = await SupabaseUserAsync("bob@example.com", "org-bob");

        // startSync, then updateSyncProgress: the database computes the derived fields.
        var started = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", alice,
            """{"org_id":"org-alice","sync_id":"sync-1","entity_type":"products","source_system":"woocommerce","total_items":100,"status":"running"}""");
        var updated = await SendAsync(new HttpMethod("PATCH"), "/rest/v1/sync_progress?org_id=eq.org-alice&sync_id=eq.sync-1&select=processed_count,eta_seconds",
            alice, """{"processed_count":40}""", ("Prefer", "return=representation"));
        var bobReads = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=sync_id", bob);
        var bobWrites = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", bob,
            """{"org_id":"org-alice","sync_id":"sync-2","entity_type":"products","source_system":"woocommerce","total_items":1}""");

        Assert.Equal(201, started.Status);
        Assert.Equal(200, updated.Status);
        Assert.Equal(40, JsonDocument.Parse(updated.Body).RootElement[0].GetProperty("processed_count").GetInt32());
        Assert.Equal(("[]", 403), (bobReads.Body, bobWrites.Status));
        Assert.Equal("42501", JsonDocument.Parse(bobWrites.Body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OwnAuthEndpoints_OffOnSupabase_SupabaseAuthIsTheOneToUse()
    {
        var response = await SendAsync(HttpMethod.Get, "/auth/v1/settings", null);

        Assert.Equal(404, response.Status);
        Assert.Equal("not_found", JsonDocument.Parse(response.Body).RootElement.GetProperty("error_code").GetString());
    }

    /// <summary>A user as Supabase Auth creates one, given an organisation by `syncops user add --id`; returns a token for it.</summary>
    private async Task<string> SupabaseUserAsync(string email, string orgId)
    {
        var id = Guid.NewGuid();
        await using (var insert = _project.Admin.CreateCommand(
            "insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at) " +
            "values ($1, 'authenticated', 'authenticated', $2, '{}', '{}', now(), now())"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = email });
            await insert.ExecuteNonQueryAsync();
        }

        await new Organizations(_project.Owner).AddUserAsync(orgId, id);
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestServer.Secret));
        return JwksServer.Sign(key, SecurityAlgorithms.HmacSha256, GoTrueClaims.For(id, email));
    }

    private async Task<(int Status, string Body)> SendAsync(
        HttpMethod method, string path, string? token, string? body = null, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
