using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>sync_schedules and sync_jobs through /rest/v1 as a member: row-level security and the database's own refusals.</summary>
public sealed class ScheduleRestTests : ServerTest
{
    [Fact]
    public async Task Post_ScheduleForOwnConnection_Created_ListedOnlyToMembers()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var (_, strangerToken) = await CreateUserAsync(NewOrgId());
        var connection = await AddConnectionAsync(org);

        var created = await SendAsync(HttpMethod.Post, "/rest/v1/sync_schedules", token,
            $$"""{"org_id":"{{org}}","connection_id":"{{connection}}","entity_type":"product","every_seconds":900}""",
            ("Prefer", "return=representation"));
        var mine = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_schedules?org_id=eq.{org}", token);
        var theirs = await SendAsync(HttpMethod.Get, $"/rest/v1/sync_schedules?org_id=eq.{org}", strangerToken);

        Assert.Equal(201, created.Status);
        Assert.Equal(connection.ToString(), created.Json[0].GetProperty("connection_id").GetString());
        Assert.Single(mine.Json.EnumerateArray());
        Assert.Empty(theirs.Json.EnumerateArray());
    }

    [Fact]
    public async Task Post_ScheduleNamingAnotherOrganisationsConnection_RefusedAndNoRowExists()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var victim = NewOrgId();
        var victimConnection = await AddConnectionAsync(victim);

        var underMine = await SendAsync(HttpMethod.Post, "/rest/v1/sync_schedules", token,
            $$"""{"org_id":"{{org}}","connection_id":"{{victimConnection}}","entity_type":"order","every_seconds":900}""");
        var underTheirs = await SendAsync(HttpMethod.Post, "/rest/v1/sync_schedules", token,
            $$"""{"org_id":"{{victim}}","connection_id":"{{victimConnection}}","entity_type":"order","every_seconds":900}""");

        Assert.Equal(409, underMine.Status);
        Assert.Equal("23503", underMine.ErrorCode);
        Assert.Equal(403, underTheirs.Status);
        Assert.Equal("42501", underTheirs.ErrorCode);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_schedules where connection_id = $1", victimConnection));
    }

    [Fact]
    public async Task Post_JobNamingAnotherOrganisationsConnection_RefusedAndNoRowExists()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var victim = NewOrgId();
        var victimConnection = await AddConnectionAsync(victim);

        // Issue 12: this was once answered 201, leaving a job that only the worker refused to run.
        var underMine = await SendAsync(HttpMethod.Post, "/rest/v1/sync_jobs", token,
            $$"""{"org_id":"{{org}}","connection_id":"{{victimConnection}}","entity_type":"customer"}""");
        var underTheirs = await SendAsync(HttpMethod.Post, "/rest/v1/sync_jobs", token,
            $$"""{"org_id":"{{victim}}","connection_id":"{{victimConnection}}","entity_type":"customer"}""");
        var bulk = await SendAsync(HttpMethod.Post, "/rest/v1/sync_jobs", token,
            $$"""[{"org_id":"{{org}}","connection_id":"{{await AddConnectionAsync(org)}}","entity_type":"order"},{"org_id":"{{org}}","connection_id":"{{victimConnection}}","entity_type":"order"}]""");

        Assert.Equal((409, "23503"), (underMine.Status, underMine.ErrorCode));
        Assert.Equal((403, "42501"), (underTheirs.Status, underTheirs.ErrorCode));
        Assert.Equal((409, "23503"), (bulk.Status, bulk.ErrorCode));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_jobs where connection_id = $1", victimConnection));
        // The bulk insert is one statement: its valid row is not left behind either.
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_jobs where org_id = $1", org));
    }

    [Fact]
    public async Task Post_SecondActiveJobForSameConnectionAndEntity_409()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        var connection = await AddConnectionAsync(org);
        var body = $$"""{"org_id":"{{org}}","connection_id":"{{connection}}","entity_type":"customer"}""";

        var first = await SendAsync(HttpMethod.Post, "/rest/v1/sync_jobs", token, body);
        var second = await SendAsync(HttpMethod.Post, "/rest/v1/sync_jobs", token, body);

        Assert.Equal(201, first.Status);
        Assert.Equal(409, second.Status);
        Assert.Equal("23505", second.ErrorCode);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_jobs where org_id = $1", org));
    }

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }
}
