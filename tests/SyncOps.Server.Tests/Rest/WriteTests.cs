using System.Text.Json;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>POST/PATCH/DELETE: Prefer, single object on every method with rollback, bulk insert, upsert (reference §6.1, §6.3).</summary>
public sealed class WriteTests : ServerTest
{
    private const string Single = "application/vnd.pgrst.object+json";

    private static string NewSync(string org, string syncId, int total = 100) =>
        JsonSerializer.Serialize(new { org_id = org, sync_id = syncId, entity_type = "customer", total_items = total });

    [Fact]
    public async Task Post_WithoutPrefer_201AndEmptyBody()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token, NewSync(org, "a"));
        Assert.Equal(201, response.Status);
        Assert.Equal("", response.Body);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", org));
    }

    [Fact]
    public async Task Post_EmptyPreferHeaderOfOldClients_Tolerated()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress", token, NewSync(org, "a"), ("Prefer", ""));
        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Post_RepresentationSingle_ReturnsObjectWithCalculatedFields()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress?select=*", token, NewSync(org, "a"),
            ("Prefer", "return=representation"), ("Accept", Single));
        Assert.Equal(201, response.Status);
        Assert.Equal("running", response.Json.GetProperty("status").GetString());
        Assert.Equal(0, response.Json.GetProperty("elapsed_seconds").GetInt32());
    }

    [Fact]
    public async Task Post_BulkArrayWithColumns_InsertsEveryRow()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var body = $"[{NewSync(org, "a")},{NewSync(org, "b")},{NewSync(org, "c")}]";
        var response = await SendAsync(HttpMethod.Post,
            "/rest/v1/sync_progress?columns=%22org_id%22,%22sync_id%22,%22entity_type%22,%22total_items%22&select=sync_id",
            token, body, ("Prefer", "return=representation, count=exact"));
        Assert.Equal(201, response.Status);
        Assert.Equal(3, response.Json.GetArrayLength());
        Assert.Equal("*/3", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Post_UpsertMergeDuplicatesOnConflict_UpdatesExistingRow()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a", total: 10);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress?on_conflict=org_id,sync_id&select=total_items",
            token, NewSync(org, "a", total: 50), ("Prefer", "resolution=merge-duplicates,return=representation"));
        Assert.Equal(201, response.Status);
        Assert.Equal(50, response.Json[0].GetProperty("total_items").GetInt32());
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", org));
    }

    [Fact]
    public async Task Post_UpsertIgnoreDuplicates_KeepsExistingRow()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a", total: 10);
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/sync_progress?on_conflict=org_id,sync_id",
            token, NewSync(org, "a", total: 50), ("Prefer", "resolution=ignore-duplicates"));
        Assert.Equal(201, response.Status);
        Assert.Equal(10, await ScalarAsync<int>("select total_items from public.sync_progress where org_id = $1", org));
    }

    [Fact]
    public async Task Patch_RepresentationSingle_ReturnsUpdatedObject()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}&sync_id=eq.a&select=*", token,
            """{"processed_count":40,"failed_count":2,"current_item":42}""", ("Prefer", "return=representation"), ("Accept", Single));
        Assert.Equal(200, response.Status);
        Assert.Equal(40, response.Json.GetProperty("processed_count").GetInt32());
        Assert.Equal("0-0/*", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Patch_WithoutPrefer_204Empty()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}", token, """{"processed_count":1}""");
        Assert.Equal(204, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task Patch_SingleMatchingTwoRows_406AndNothingChanged()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        await InsertSyncAsync(org, "b");
        var response = await SendAsync(HttpMethod.Patch, $"/rest/v1/sync_progress?org_id=eq.{org}&select=*", token,
            """{"processed_count":5}""", ("Prefer", "return=representation"), ("Accept", Single));
        Assert.Equal(406, response.Status);
        Assert.Equal("PGRST116", response.ErrorCode);
        Assert.Equal("The result contains 2 rows", response.Json.GetProperty("details").GetString());
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1 and processed_count > 0", org));
    }

    [Fact]
    public async Task Delete_SingleMatchingNoRow_406WithZeroRowsInDetails()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var response = await SendAsync(HttpMethod.Delete, $"/rest/v1/sync_progress?org_id=eq.{org}", token,
            headers: ("Accept", Single));
        Assert.Equal(406, response.Status);
        // old maybeSingle() clears the error when details contain "0 rows" (reference §5.3)
        Assert.Contains("0 rows", response.Json.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Delete_SingleMatchingTwoRows_RolledBack()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        await InsertSyncAsync(org, "b");
        var response = await SendAsync(HttpMethod.Delete, $"/rest/v1/sync_progress?org_id=eq.{org}", token, headers: ("Accept", Single));
        Assert.Equal(406, response.Status);
        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", org));
    }

    [Fact]
    public async Task Delete_Representation_ReturnsDeletedRows()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await InsertSyncAsync(org, "a");
        var response = await SendAsync(HttpMethod.Delete, $"/rest/v1/sync_progress?org_id=eq.{org}&select=sync_id", token,
            headers: ("Prefer", "return=representation"));
        Assert.Equal(200, response.Status);
        Assert.Equal("a", response.Json[0].GetProperty("sync_id").GetString());
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", org));
    }

    [Fact]
    public async Task Get_RunsReadOnly_WriteFunctionViaGetRpcRejected()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        // auto_cleanup_preview_cache deletes: through GET it runs in a READ ONLY transaction, 25006 gives 405.
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/rpc/auto_cleanup_preview_cache", token);
        Assert.Equal(405, response.Status);
        Assert.Equal("25006", response.ErrorCode);
    }
}
