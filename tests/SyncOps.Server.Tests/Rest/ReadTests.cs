using System.Text.Json;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>GET/HEAD grammar and headers (protocol reference §2, §4, §6.2, §11).</summary>
public sealed class ReadTests : ServerTest
{
    private async Task<(string Org, string Token)> OrgWithSyncsAsync(params string[] syncIds)
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        foreach (var id in syncIds)
        {
            await InsertSyncAsync(org, id);
        }

        return (org, token);
    }

    [Fact]
    public async Task Get_NoAcceptHeader_ReturnsJsonArrayWithContentRange()
    {
        var (org, token) = await OrgWithSyncsAsync("a", "b");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=*&org_id=eq.{org}", token);
        Assert.Equal(200, response.Status);
        Assert.Equal(2, response.Json.GetArrayLength());
        Assert.Equal("0-1/*", response.Header("Content-Range"));
        Assert.StartsWith("application/json", response.Header("Content-Type"));
    }

    [Fact]
    public async Task Get_EmptyResult_ContentRangeStar()
    {
        var (_, token) = await OrgWithSyncsAsync();
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?sync_id=eq.none", token);
        Assert.Equal("[]", response.Body);
        Assert.Equal("*/*", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Get_SelectColumns_ReturnsOnlyThose()
    {
        var (org, token) = await OrgWithSyncsAsync("a");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id,status&org_id=eq.{org}", token);
        var row = response.Json[0];
        Assert.Equal(["sync_id", "status"], row.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Get_OrderLimitOffset_PagesInOrder()
    {
        var (org, token) = await OrgWithSyncsAsync("s1", "s2", "s3", "s4");
        var response = await SendAsync(HttpMethod.Get,
            $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&order=sync_id.desc&limit=2&offset=1", token,
            headers: ("Prefer", "count=exact"));
        Assert.Equal(206, response.Status);
        Assert.Equal("1-2/4", response.Header("Content-Range"));
        Assert.Equal(["s3", "s2"], response.Json.EnumerateArray().Select(r => r.GetProperty("sync_id").GetString()));
    }

    [Fact]
    public async Task Get_RangeHeader_ActsLikeLimitAndOffset()
    {
        var (org, token) = await OrgWithSyncsAsync("s1", "s2", "s3");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&order=sync_id",
            token, headers: [("Range", "1-1"), ("Range-Unit", "items")]);
        Assert.Equal("s2", Assert.Single(response.Json.EnumerateArray()).GetProperty("sync_id").GetString());
    }

    [Fact]
    public async Task Get_OffsetBeyondCountedTotal_416WithPgrst103()
    {
        var (org, token) = await OrgWithSyncsAsync("s1");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?org_id=eq.{org}&offset=5", token,
            headers: ("Prefer", "count=exact"));
        Assert.Equal(416, response.Status);
        Assert.Equal("PGRST103", response.ErrorCode);
    }

    [Fact]
    public async Task Get_OrFilterWithNestedAndIn_MatchesPostgrestSemantics()
    {
        var (org, token) = await OrgWithSyncsAsync("a", "b", "c");
        await ExecuteAsync("update public.sync_progress set status = 'failed' where org_id = $1 and sync_id = 'b'", org);
        var response = await SendAsync(HttpMethod.Get,
            $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&or=(status.in.(failed,timeout),and(sync_id.eq.c,total_items.gte.100))&order=sync_id",
            token);
        Assert.Equal(["b", "c"], response.Json.EnumerateArray().Select(r => r.GetProperty("sync_id").GetString()));
    }

    [Fact]
    public async Task Get_NotAndIsAndLikeWithStar_Work()
    {
        var (org, token) = await OrgWithSyncsAsync("woo-1", "odoo-1");
        var like = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&sync_id=like.woo*", token);
        Assert.Equal("woo-1", Assert.Single(like.Json.EnumerateArray()).GetProperty("sync_id").GetString());
        var not = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&sync_id=not.ilike.WOO*&completed_at=is.null", token);
        Assert.Equal("odoo-1", Assert.Single(not.Json.EnumerateArray()).GetProperty("sync_id").GetString());
    }

    [Fact]
    public async Task Get_InListWithQuotedCommaAndPlusEncodedSpace_DecodesLikePostgrest()
    {
        var (org, token) = await OrgWithSyncsAsync("a,b", "c d");
        // %22a%2Cb%22 is "a,b" quoted inside in.(); + is a space (WHATWG form encoding, reference §4.1).
        var response = await SendAsync(HttpMethod.Get,
            $"/rest/v1/sync_progress?select=sync_id&org_id=eq.{org}&sync_id=in.(%22a%2Cb%22,c+d)&order=sync_id", token);
        Assert.Equal(["a,b", "c d"], response.Json.EnumerateArray().Select(r => r.GetProperty("sync_id").GetString()));
    }

    [Fact]
    public async Task Get_TimestampFilterWithEncodedPlusOffset_ComparesAsTimestamp()
    {
        var (org, token) = await OrgWithSyncsAsync("a");
        var past = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?org_id=eq.{org}&started_at=gt.2000-01-01T00:00:00%2B00:00", token);
        Assert.Equal(1, past.Json.GetArrayLength());
        var future = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?org_id=eq.{org}&started_at=gt.2999-01-01T00:00:00.000Z", token);
        Assert.Equal(0, future.Json.GetArrayLength());
    }

    [Fact]
    public async Task Get_SingleObjectOneRow_ReturnsObject()
    {
        var (org, token) = await OrgWithSyncsAsync("only");
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?org_id=eq.{org}", token,
            headers: ("Accept", "application/vnd.pgrst.object+json"));
        Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
        Assert.StartsWith("application/vnd.pgrst.object+json", response.Header("Content-Type"));
    }

    [Fact]
    public async Task Head_CountExact_NoBodyAndTotalInContentRange()
    {
        var (org, token) = await OrgWithSyncsAsync("a", "b", "c");
        var response = await SendAsync(HttpMethod.Head, $"/rest/v1/sync_progress?select=*&org_id=eq.{org}", token,
            headers: ("Prefer", "count=exact"));
        Assert.Equal(200, response.Status);
        Assert.Equal("", response.Body);
        Assert.Equal("0-2/3", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Get_MoreRowsThanMaxRows_CappedAt1000()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await ExecuteAsync(
            "insert into public.sync_progress (org_id, sync_id, entity_type) select $1, 's' || i, 'customer' from generate_series(1, 1005) i", org);
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_progress?select=id&org_id=eq.{org}&limit=5000", token);
        Assert.Equal(1000, response.Json.GetArrayLength());
    }

    [Fact]
    public async Task Get_TableCreatedAfterStart_IsExposedWithoutRestart()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var table = "engine_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"""
            create table public.{table} (id bigint generated always as identity primary key, org_id text not null, name text);
            alter table public.{table} enable row level security;
            create policy member_read on public.{table} for select to authenticated using (org_id = any ((select syncops_auth.org_ids())::text[]));
            grant select on public.{table} to authenticated;
            insert into public.{table} (org_id, name) values ('{org}', 'mine'), ('other-org', 'theirs');
            """);
        await Task.Delay(1100); // the schema cache reloads on a miss at most once a second
        var response = await SendAsync(HttpMethod.Get, $"/rest/v1/{table}?select=name", token);
        Assert.Equal(200, response.Status);
        Assert.Equal("mine", Assert.Single(response.Json.EnumerateArray()).GetProperty("name").GetString());
    }
}
