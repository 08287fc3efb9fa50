using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Preview computes the delta without writing; apply writes exactly it, or refuses once it expired.</summary>
public sealed class PreviewApplyTests : EngineTest
{
    [Fact]
    public async Task Preview_ThenApply_WritesExactlyThePreviewedRecords()
    {
        var store = await StartWooAsync(new SimulatorOptions { Orders = 80, Customers = 10 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));
        var changed = store.Churn(SyncEntity.Order, 3).Distinct().Count();

        var preview = await Engine.PreviewAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order, Full: true));

        Assert.Equal((0, changed, 80 - changed), (preview.ToCreate, preview.ToUpdate, preview.Unchanged));
        Assert.Equal(0, await CountAsync("orders", "updated_at > created_at"));
        var cached = await Services.GetRequiredService<PreviewCache>().GetAsync(OrgId, preview.CacheKey);
        Assert.Equal(changed, cached!["summary"]!["to_update"]!.GetValue<int>());

        var applied = await Engine.ApplyAsync(OrgId, preview.CacheKey);

        Assert.Equal(SyncStatus.Completed, applied.Status);
        Assert.Equal((changed, changed), (applied.Processed, applied.Updated));
        Assert.Equal(changed, await CountAsync("orders", $"last_sync_id = '{applied.SyncId}'"));
        Assert.Equal(changed, await CountAsync("orders", "updated_at > created_at"));
    }

    [Fact]
    public async Task Apply_ExpiredPreview_RefusedWithAClearMessage()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 20 });
        var connection = await AddWooAsync(store);
        var preview = await Engine.PreviewAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        Assert.Equal(20, preview.ToCreate);
        await ExecuteAsync("update public.sync_preview_cache set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' where org_id = $1", OrgId);

        var refused = await Assert.ThrowsAsync<SyncOpsException>(() => Engine.ApplyAsync(OrgId, preview.CacheKey));

        Assert.Contains("has expired or does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("customers"));
    }
}
