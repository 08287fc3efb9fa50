using System.Text.Json;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Schema;

/// <summary>sync_preview_cache as the guide uses it: plain insert, then a .single() read filtered on expires_at.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class PreviewCacheSchemaTests : DatabaseTest
{
    // The guide's read: .eq('cache_key', key).gt('expires_at', now).single(); RLS adds the organisation.
    private const string GuideRead =
        "select delta_json::text from public.sync_preview_cache where cache_key = $1 and expires_at > now()";

    [Fact]
    public async Task Insert_SameKeyTwice_ReplacesSoSingleReadFindsTheNewest()
    {
        var orgId = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(orgId);

        var deltas = await AsRoleAsync("authenticated", userId, async connection =>
        {
            await InsertAsync(connection, orgId, "key-1", """{"create": 1}""");
            await InsertAsync(connection, orgId, "key-1", """{"create": 2}""");
            var count = await Sql.ScalarAsync<long>(connection,
                "select count(*) from public.sync_preview_cache where cache_key = $1 and expires_at > now()", "key-1");
            return (count, await Sql.ScalarAsync<string>(connection, GuideRead, "key-1"));
        });

        Assert.Equal(1L, deltas.count);
        Assert.Equal(2, JsonDocument.Parse(deltas.Item2!).RootElement.GetProperty("create").GetInt32());
    }

    [Fact]
    public async Task Insert_SameKeyFromTwoConnectionsAtOnce_OneEntryRemains()
    {
        var orgId = TestDatabase.NewOrgId();
        const string insert = "insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json) values ($1, 'products', 'race', $2::jsonb)";
        await using var first = await DataSource.OpenConnectionAsync();
        await using var second = await DataSource.OpenConnectionAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        await using var secondTx = await second.BeginTransactionAsync();
        await Sql.ExecuteAsync(first, insert, orgId, """{"from": 1}""");

        // The second insert waits on the replace trigger's lock until the first commits, then replaces its row.
        var secondInsert = Sql.ExecuteAsync(second, insert, orgId, """{"from": 2}""");
        await Locks.WaitUntilBlockedAsync(DataSource, second.ProcessID);
        await firstTx.CommitAsync();
        await secondInsert;
        await secondTx.CommitAsync();

        var rows = await ScalarAsync<string[]>("select array_agg(delta_json ->> 'from') from public.sync_preview_cache where org_id = $1", orgId);
        Assert.Equal(["2"], rows!);
    }

    [Fact]
    public async Task Insert_SameKeyInAnotherOrg_BothEntriesKept()
    {
        var first = TestDatabase.NewOrgId();
        var second = TestDatabase.NewOrgId();

        await ExecuteAsync(
            "insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json) values ($1, 'products', 'shared', '{}'), ($2, 'products', 'shared', '{}')",
            first, second);

        Assert.Equal(2L, await ScalarAsync<long>(
            "select count(*) from public.sync_preview_cache where cache_key = 'shared' and org_id = any ($1)", (object)new[] { first, second }));
    }

    [Fact]
    public async Task Insert_WithoutExpiry_ExpiresInOneHour()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            "insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json) values ($1, 'products', 'k', '{}')", orgId);

        var ttl = await ScalarAsync<TimeSpan>("select expires_at - created_at from public.sync_preview_cache where org_id = $1", orgId);

        Assert.Equal(TimeSpan.FromHours(1), ttl);
    }

    [Fact]
    public async Task ExpiredRows_InvisibleToGuideReadAndRemovedByCleanupWithDeletedCount()
    {
        var orgId = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(orgId);

        var (visible, cleanup, left) = await AsRoleAsync("authenticated", userId, async connection =>
        {
            await InsertAsync(connection, orgId, "expired-1", "{}", expired: true);
            await InsertAsync(connection, orgId, "expired-2", "{}", expired: true);
            await InsertAsync(connection, orgId, "live", "{}");
            var visible = await Sql.ScalarAsync<string>(connection, GuideRead, "expired-1");
            // As a member, cleanup is limited by RLS to the caller's organisations: the count is this test's alone.
            var cleanup = await Sql.ScalarAsync<string>(connection, "select public.auto_cleanup_preview_cache()::text");
            var left = await Sql.ScalarAsync<string[]>(connection,
                "select array_agg(cache_key) from public.sync_preview_cache where org_id = $1", orgId);
            return (visible, cleanup, left);
        });

        Assert.Null(visible);
        Assert.Equal(2, JsonDocument.Parse(cleanup!).RootElement.GetProperty("deleted_count").GetInt32());
        Assert.Equal(["live"], left!);
    }

    [Fact]
    public async Task Cleanup_AsServiceRole_DeletesExpiredRowsOfEveryOrganisation()
    {
        var first = TestDatabase.NewOrgId();
        var second = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json, created_at, expires_at)
            values ($1, 'products', 'old', '{}', now() - interval '2 hours', now() - interval '1 hour'),
                   ($2, 'products', 'old', '{}', now() - interval '2 hours', now() - interval '1 hour')
            """, first, second);

        var deleted = await AsRoleAsync("service_role", null, connection =>
            Sql.ScalarAsync<int>(connection, "select (public.auto_cleanup_preview_cache() ->> 'deleted_count')::int"), commit: true);

        Assert.True(deleted >= 2, $"deleted_count {deleted} should include both organisations' rows");
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_preview_cache where org_id = any ($1)", (object)new[] { first, second }));
    }

    private static Task<int> InsertAsync(Npgsql.NpgsqlConnection connection, string orgId, string key, string delta, bool expired = false) =>
        Sql.ExecuteAsync(connection,
            """
            insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json, created_at, expires_at)
            values ($1, 'products', $2, $3::jsonb,
                    case when $4 then now() - interval '2 hours' else now() end,
                    case when $4 then now() - interval '1 hour' else now() + interval '1 hour' end)
            """, orgId, key, delta, expired);
}
