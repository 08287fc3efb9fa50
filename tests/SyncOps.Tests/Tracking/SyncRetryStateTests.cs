using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary><see cref="SyncTracker.GetRetriesAsync"/>: the retry state the engine writes, read back for the CLI.</summary>
public sealed class SyncRetryStateTests : DatabaseTest
{
    private SyncTracker Tracker => new(DataSource, TimeProvider.System);

    [Fact]
    public async Task GetRetries_RunningSyncWaiting_ReturnsAttemptReasonAndTheConnection()
    {
        var orgId = TestDatabase.NewOrgId();
        var connectionId = Guid.NewGuid();
        await Tracker.StartAsync(new StartSync(orgId, "order", "woocommerce", 10, SyncId: "sync-waiting"));
        await ExecuteAsync(
            "update public.sync_progress set metadata = metadata || jsonb_build_object('connection_id', $2::text) where org_id = $1",
            orgId, connectionId.ToString());
        await Tracker.StartAsync(new StartSync(orgId, "customer", "woocommerce", 10, SyncId: "sync-busy"));

        await Tracker.RecordRetryAsync(orgId, "sync-waiting", 2, 5, TimeSpan.FromMinutes(10), "rate limited");
        var retries = await Tracker.GetRetriesAsync(orgId);

        var retry = Assert.Single(retries);
        Assert.Equal(("sync-waiting", "order", connectionId, 2, 5, "rate limited"),
            (retry.SyncId, retry.EntityType, retry.ConnectionId, retry.Attempt, retry.MaxAttempts, retry.Reason));
        Assert.InRange(retry.WaitFrom(TimeProvider.System.GetUtcNow()), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task GetRetries_ClearedOrFinished_NotListed()
    {
        var orgId = TestDatabase.NewOrgId();
        await Tracker.StartAsync(new StartSync(orgId, "order", "woocommerce", 10, SyncId: "sync-cleared"));
        await Tracker.StartAsync(new StartSync(orgId, "product", "woocommerce", 10, SyncId: "sync-ended"));
        await Tracker.RecordRetryAsync(orgId, "sync-cleared", 1, 5, TimeSpan.FromMinutes(1), "rate limited");
        await Tracker.RecordRetryAsync(orgId, "sync-ended", 5, 5, TimeSpan.FromMinutes(1), "source unavailable");

        await Tracker.ClearRetryAsync(orgId, "sync-cleared");
        await Tracker.FailAsync(orgId, "sync-ended", "gave up");

        Assert.Empty(await Tracker.GetRetriesAsync(orgId));
    }
}
