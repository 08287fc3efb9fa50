using System.Text;
using SyncOps.Server.Auth;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// Another organisation's rows through every verb, as another organisation's user, with the anon key, a forged token
/// and an expired token: none may read, change, delete or add a row of the victim organisation.
/// </summary>
public sealed class CrossOrganizationTests : ServerTest
{
    public static TheoryData<string, string> Attempts()
    {
        var data = new TheoryData<string, string>();
        foreach (var attacker in new[] { "other-user", "anon", "forged", "expired" })
        {
            foreach (var verb in new[] { "read", "filter", "head-count", "update", "delete", "upsert", "insert", "rpc" })
            {
                data.Add(attacker, verb);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task Attack_OnAnotherOrganisation_NeverSucceeds(string attacker, string verb)
    {
        var victim = NewOrgId();
        await CreateUserAsync(victim);
        await InsertSyncAsync(victim, "victim-sync", total: 100);
        var (attackerId, attackerToken) = await CreateUserAsync(NewOrgId());
        var token = attacker switch
        {
            "other-user" => attackerToken,
            "anon" => Server.Issuer.AnonKey(),
            // signed with another secret, claiming to be a member... of nothing: still must not verify
            "forged" => new JwtIssuer("another-secret-another-secret-another-secret", TimeProvider.System).UserToken(attackerId, TimeSpan.FromHours(1)),
            _ => Server.Issuer.Create(new Dictionary<string, object>
            {
                ["sub"] = attackerId.ToString(), ["role"] = "authenticated",
            }, TimeSpan.FromMinutes(-5)),
        };
        var filter = $"org_id=eq.{victim}&sync_id=eq.victim-sync";
        var response = verb switch
        {
            "read" => await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=*", token),
            "filter" => await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?{filter}", token),
            "head-count" => await SendAsync(HttpMethod.Head, $"/rest/v1/sync_progress?{filter}", token, headers: ("Prefer", "count=exact")),
            "update" => await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?{filter}", token, """{"processed_count":99,"org_id":"stolen"}""",
                ("Prefer", "return=representation")),
            "delete" => await SendAsync(HttpMethod.Delete, $"/rest/v1/sync_progress?{filter}", token, headers: ("Prefer", "return=representation")),
            "upsert" => await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress?on_conflict=org_id,sync_id", token,
                $$"""{"org_id":"{{victim}}","sync_id":"victim-sync","entity_type":"x","total_items":1}""",
                ("Prefer", "resolution=merge-duplicates,return=representation")),
            "insert" => await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token,
                $$"""{"org_id":"{{victim}}","sync_id":"planted","entity_type":"x"}"""),
            _ => await SendAsync(HttpMethod.Post, "/rest/v1/rpc/report_slow_syncs", token, $$"""{"p_org_id":"{{victim}}","p_max_speed":1000000}"""),
        };

        if (response.Status < 300)
        {
            // A successful answer may only be an empty one: RLS filtered every row of the victim.
            Assert.True(response.Body is "" or "[]", $"{attacker}/{verb} saw rows: {response.Body}");
            Assert.DoesNotContain(victim, response.Body);
            if (response.Header("Content-Range") is { } range)
            {
                Assert.StartsWith("*/", range); // no rows, and a count (if any) of zero
                Assert.DoesNotMatch("/[1-9]", range);
            }
        }
        else if (verb == "head-count")
        {
            Assert.StartsWith("PostgREST; error=", response.Header("Proxy-Status")); // HEAD answers carry no body
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(response.ErrorCode));
        }

        if (attacker is "forged" or "expired")
        {
            Assert.Equal(401, response.Status);
        }

        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from public.sync_progress where org_id = $1 and sync_id = 'victim-sync' and processed_count = 0 and total_items = 100 and entity_type = 'customer'",
            victim));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", victim));
    }

    [Fact]
    public async Task ServiceRoleKey_BypassesRls_AsOnSupabase()
    {
        var victim = NewOrgId();
        await InsertSyncAsync(victim, "a");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{victim}", Server.Issuer.ServiceRoleKey());
        Assert.Equal("""[{"sync_id":"a"}]""", response.Body);
    }

    [Fact]
    public async Task Token_ForPostgresSuperuserRole_RejectedAsUnknownRole()
    {
        // A correctly signed token naming a role other than anon/authenticated/service_role must not become it.
        var token = Server.Issuer.Create(new Dictionary<string, object> { ["role"] = "postgres" }, TimeSpan.FromHours(1));
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress", token);
        Assert.Equal(401, response.Status);
        Assert.Equal("22023", response.ErrorCode);
    }

    [Fact]
    public async Task Token_AlgNone_Rejected401()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64("""{"role":"service_role"}""")}.";
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress", token);
        Assert.Equal(401, response.Status);
        Assert.Equal("PGRST301", response.ErrorCode);
    }
}
