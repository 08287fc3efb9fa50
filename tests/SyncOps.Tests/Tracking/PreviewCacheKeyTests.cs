using System.Text.Json.Nodes;
using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary>The preview-cache key: a stable hash of the sync type and the filters, whatever their property order.</summary>
public sealed class PreviewCacheKeyTests
{
    [Fact]
    public void Compute_PropertiesInOtherOrderAtEveryDepth_SameKey()
    {
        var first = JsonNode.Parse("""{"status":"publish","since":"2026-01-01","nested":{"a":1,"b":[{"x":1,"y":2}]}}""")!.AsObject();
        var second = JsonNode.Parse("""{"nested":{"b":[{"y":2,"x":1}],"a":1},"since":"2026-01-01","status":"publish"}""")!.AsObject();

        Assert.Equal(PreviewCacheKey.Compute("products", first), PreviewCacheKey.Compute("products", second));
    }

    [Theory]
    [InlineData("""{"status":"publish"}""", """{"status":"draft"}""")]
    [InlineData("""{"status":"publish"}""", """{"status":"publish","page":2}""")]
    [InlineData("""{"ids":[1,2]}""", """{"ids":[2,1]}""")]
    public void Compute_DifferentFilters_DifferentKeys(string left, string right)
    {
        Assert.NotEqual(
            PreviewCacheKey.Compute("products", JsonNode.Parse(left)!.AsObject()),
            PreviewCacheKey.Compute("products", JsonNode.Parse(right)!.AsObject()));
    }

    [Fact]
    public void Compute_DifferentSyncType_DifferentKey()
    {
        Assert.NotEqual(PreviewCacheKey.Compute("products"), PreviewCacheKey.Compute("orders"));
    }

    [Fact]
    public void Compute_FilterNamedSyncType_CannotOverrideTheSyncType()
    {
        var filters = new JsonObject { ["syncType"] = "orders" };

        Assert.Equal(PreviewCacheKey.Compute("products"), PreviewCacheKey.Compute("products", filters));
    }

    [Fact]
    public void Compute_Key_IsLowercaseSha256Hex()
    {
        var key = PreviewCacheKey.Compute("products", new JsonObject { ["status"] = "publish" });

        Assert.Matches("^[0-9a-f]{64}$", key);
    }
}
