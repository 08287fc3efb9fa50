using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary>The guide's audit-trail queries through <see cref="AuditTrail"/>.</summary>
public sealed class AuditTrailTests : DatabaseTest
{
    [Fact]
    public async Task Queries_OrgFailedUserAndSync_ReturnTheMatchingEntries()
    {
        var orgId = TestDatabase.NewOrgId();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var ok = await tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 5, alice, "ok"));
        var bad = await tracker.StartAsync(new StartSync(orgId, "orders", "odoo", 5, bob, "bad"));
        await tracker.RecordItemFailureAsync(ok, "woo-1", "price missing");
        await tracker.CompleteAsync(orgId, "ok", 4, 1);
        await tracker.FailAsync(orgId, "bad", "auth expired");
        await ExecuteAsync(
            "insert into public.sync_activity_log (org_id, sync_id, action, status, created_at) values ($1, 'ancient', 'sync_failed', 'failed', now() - interval '60 days')",
            orgId);
        var trail = new AuditTrail(DataSource, TimeProvider.System);

        var org = await trail.GetOrgActivityAsync(orgId, days: 7);
        var failed = await trail.GetFailedSyncsAsync(orgId, days: 30);
        var bobs = await trail.GetUserActivityAsync(orgId, bob);
        var okTrail = await trail.GetSyncActivityAsync(orgId, "ok");

        Assert.Equal(3, org.Count);
        Assert.True(org.Zip(org.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "newest first");
        Assert.Equal(["bad", "ok", "ok"], failed.Select(e => e.SyncId).Order(StringComparer.Ordinal));
        Assert.Equal(["auth expired"], bobs.Select(e => e.ErrorMessage));
        Assert.Equal(["item_failed", "sync_completed"], okTrail.Select(e => e.Action));
        Assert.Equal("woo-1", okTrail[0].ExternalId);
        Assert.Equal(alice, okTrail[1].UserId);
    }

    [Fact]
    public async Task GetOrgActivity_OtherOrganisation_NotIncluded()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync("insert into public.sync_activity_log (org_id, action) values ($1, 'note')", TestDatabase.NewOrgId());

        Assert.Empty(await new AuditTrail(DataSource, TimeProvider.System).GetOrgActivityAsync(orgId));
    }
}
