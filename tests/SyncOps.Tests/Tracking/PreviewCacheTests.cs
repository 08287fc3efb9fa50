using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary>The SDK's preview cache over sync_preview_cache.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class PreviewCacheTests : DatabaseTest
{
    [Fact]
    public async Task Cache_ThenGet_ReturnsDeltaUnderKeyOfTypeAndFilters()
    {
        var cache = new PreviewCache(DataSource, TimeProvider.System);
        var orgId = TestDatabase.NewOrgId();
        var filters = new JsonObject { ["status"] = "publish", ["since"] = "2026-01-01" };

        var key = await cache.CacheAsync(orgId, "products", filters, JsonNode.Parse("""{"create":[1,2],"update":[]}""")!, Guid.NewGuid());
        var delta = await cache.GetAsync(orgId, key);

        Assert.Equal(PreviewCacheKey.Compute("products", filters), key);
        Assert.Equal(2, delta!["create"]!.AsArray().Count);
    }

    [Fact]
    public async Task Cache_SameFiltersAgain_ReplacesEntry()
    {
        var cache = new PreviewCache(DataSource, TimeProvider.System);
        var orgId = TestDatabase.NewOrgId();

        await cache.CacheAsync(orgId, "products", null, new JsonObject { ["v"] = 1 }, null);
        var key = await cache.CacheAsync(orgId, "products", null, new JsonObject { ["v"] = 2 }, null);

        Assert.Equal(2, (int)(await cache.GetAsync(orgId, key))!["v"]!);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_preview_cache where org_id = $1", orgId));
    }

    [Fact]
    public async Task Get_OtherOrganisationsKey_ReturnsNull()
    {
        var cache = new PreviewCache(DataSource, TimeProvider.System);
        var key = await cache.CacheAsync(TestDatabase.NewOrgId(), "products", null, new JsonObject(), null);

        Assert.Null(await cache.GetAsync(TestDatabase.NewOrgId(), key));
    }

    [Fact]
    public async Task Get_EntryExpired_ReturnsNullAndCleanupRemovesIt()
    {
        var cache = new PreviewCache(DataSource, TimeProvider.System);
        var orgId = TestDatabase.NewOrgId();
        var expired = await cache.CacheAsync(orgId, "products", null, new JsonObject(), null);
        var live = await cache.CacheAsync(orgId, "orders", null, new JsonObject(), null);
        await ExecuteAsync(
            "update public.sync_preview_cache set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' where org_id = $1 and cache_key = $2",
            orgId, expired);

        var visible = await cache.GetAsync(orgId, expired);
        var deleted = await cache.CleanupAsync();

        Assert.Null(visible);
        Assert.True(deleted >= 1, $"cleanup reported {deleted}, expected at least this test's row");
        Assert.NotNull(await cache.GetAsync(orgId, live));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_preview_cache where org_id = $1", orgId));
    }

    [Fact]
    public async Task Cache_TimeToLive_SetsExpiryFromTheClock()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var orgId = TestDatabase.NewOrgId();

        await new PreviewCache(DataSource, clock).CacheAsync(orgId, "products", null, new JsonObject(), null, TimeSpan.FromMinutes(5));

        var expiresAt = await ScalarAsync<DateTime>("select expires_at from public.sync_preview_cache where org_id = $1", orgId);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds(), new DateTimeOffset(expiresAt).ToUnixTimeMilliseconds());
    }
}
