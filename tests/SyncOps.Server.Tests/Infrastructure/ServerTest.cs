using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SyncOps.Server.Tests.Infrastructure;

/// <summary>Base for tests against the real server: raw HTTP requests as supabase-js sends them, and SQL to check.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = null!;

    /// <summary>The server <see cref="SendAsync"/> talks to; the conformance tests point it at their own.</summary>
    protected virtual HttpClient Http => Server.Http;

    public async Task InitializeAsync() => Server = await TestServer.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected static string NewOrgId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates an organisation with one user; returns the user's id and an access token.</summary>
    protected async Task<(Guid Id, string Token)> CreateUserAsync(string orgId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync("insert into syncops_auth.users_extended (id, org_id) values ($1, $2)", userId, orgId);
        return (userId, Server.Issuer.UserToken(userId, TimeSpan.FromHours(1)));
    }

    /// <summary>Inserts a running sync as a trusted worker would (superuser, no RLS).</summary>
    protected Task InsertSyncAsync(string orgId, string syncId, int total = 100) =>
        ExecuteAsync("insert into public.sync_progress (org_id, sync_id, entity_type, total_items) values ($1, $2, 'customer', $3)",
            orgId, syncId, total);

    protected Task<T?> ScalarAsync<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(Server.DataSource, sql, parameters);

    protected Task<int> ExecuteAsync(string sql, params object[] parameters) => Sql.ExecuteAsync(Server.DataSource, sql, parameters);

    /// <summary>Sends a request with supabase-js's headers: apikey, Bearer token, Accept-/Content-Profile public.</summary>
    protected async Task<Response> SendAsync(
        HttpMethod method, string pathAndQuery, string? token = null, string? body = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("apikey", token);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        var isRead = method == HttpMethod.Get || method == HttpMethod.Head;
        var profile = isRead ? "Accept-Profile" : "Content-Profile";
        if (!headers.Any(h => string.Equals(h.Name, profile, StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(profile, "public");
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new StringContent("");
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headerValues = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Response((int)response.StatusCode, text, headerValues);
    }

    protected sealed record Response(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string? Header(string name) => Headers.GetValueOrDefault(name);

        /// <summary>The error code, after checking the body has PostgREST's four keys.</summary>
        public string ErrorCode
        {
            get
            {
                var json = Json;
                foreach (var key in new[] { "code", "message", "details", "hint" })
                {
                    Assert.True(json.TryGetProperty(key, out _), $"error body lacks \"{key}\": {Body}");
                }

                return json.GetProperty("code").GetString()!;
            }
        }
    }
}
