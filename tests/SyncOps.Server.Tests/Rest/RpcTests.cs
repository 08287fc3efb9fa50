using System.Text.Json;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>/rest/v1/rpc: arguments, result shapes (reference §6.1), RLS inside functions.</summary>
public sealed class RpcTests : ServerTest
{
    [Fact]
    public async Task Post_CleanupWithEmptyBody_ReturnsDeletedCountObject()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await ExecuteAsync("""
            insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json, created_at, expires_at)
            values ($1, 'woocommerce', 'old', '{}', now() - interval '2 hours', now() - interval '1 hour')
            """, org);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/auto_cleanup_preview_cache", token, "{}");
        Assert.Equal(200, response.Status);
        Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
        Assert.True(response.Json.GetProperty("deleted_count").GetInt32() >= 1);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_preview_cache where org_id = $1", org));
    }

    [Fact]
    public async Task Post_SetReturningReport_ArrayOfRowsFilteredByRls()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        await ExecuteAsync("update public.sync_progress set status = 'failed' where org_id = $1", org);
        var mine = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/report_failed_syncs", token, $$"""{"p_org_id":"{{org}}"}""");
        Assert.Equal(200, mine.Status);
        Assert.Equal("a", Assert.Single(mine.Json.EnumerateArray()).GetProperty("sync_id").GetString());

        var (_, otherToken) = await CreateUserAsync(NewOrgId());
        var theirs = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/report_failed_syncs", otherToken, $$"""{"p_org_id":"{{org}}"}""");
        Assert.Equal("[]", theirs.Body);
    }

    [Fact]
    public async Task Get_ArgumentsInQueryStringWithFilterAndOrder_Applied()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        foreach (var (id, entity) in new[] { ("a", "customer"), ("b", "product") })
        {
            await ExecuteAsync("insert into public.sync_progress (org_id, sync_id, entity_type, total_items, status) values ($1, $2, $3, 5, 'failed')", org, id, entity);
        }

        var response = await SendAsync(HttpMethod.Get,
            $"/rest/v1/rpc/report_failed_syncs?p_org_id={org}&p_days=1&entity_type=eq.product&select=sync_id", token);
        Assert.Equal(200, response.Status);
        Assert.Equal("""[{"sync_id":"b"}]""", response.Body);
    }

    [Fact]
    public async Task Post_MissingRequiredArgument_404Pgrst202()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/report_failed_syncs", token, """{"p_days":3}""");
        Assert.Equal(404, response.Status);
        Assert.Equal("PGRST202", response.ErrorCode);
    }

    [Fact]
    public async Task Post_FunctionWithoutGrant_403ForUserAnd401ForAnon()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var user = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/timeout_stale_syncs", token, "{}");
        Assert.Equal(403, user.Status);
        Assert.Equal("42501", user.ErrorCode);
        var anon = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/timeout_stale_syncs", Server.Issuer.AnonKey(), "{}");
        Assert.Equal(401, anon.Status);
    }

    [Fact]
    public async Task Post_VoidAndScalarFunctions_204AndBareValue()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"""
            create function public.void_{suffix}() returns void language sql as 'select';
            create function public.add_{suffix}(a integer, b integer default 1) returns integer language sql as 'select a + b';
            """);
        await Task.Delay(1100); // the schema cache reloads on a miss at most once a second
        var (_, token) = await CreateUserAsync(NewOrgId());
        var empty = await SendAsync(HttpMethod.Post, $"/rest/v1/rpc/void_{suffix}", token, "{}");
        Assert.Equal(204, empty.Status);
        Assert.Equal("", empty.Body);
        var sum = await SendAsync(HttpMethod.Post, $"/rest/v1/rpc/add_{suffix}", token, """{"a":2}""");
        Assert.Equal("3", sum.Body);
    }
}
