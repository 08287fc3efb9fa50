using Microsoft.Extensions.Time.Testing;
using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary>Every <see cref="SyncTracker"/> call against the real schema.</summary>
public sealed class SyncTrackerTests : DatabaseTest
{
    private SyncTracker Tracker => new(DataSource, TimeProvider.System);

    [Fact]
    public async Task Start_WithoutSyncId_UsesGuideFormatAndRunningStatus()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var userId = Guid.NewGuid();

        var sync = await new SyncTracker(DataSource, clock).StartAsync(
            new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", 250, userId));

        Assert.Equal($"sync-woo-{clock.GetUtcNow().ToUnixTimeMilliseconds()}", sync.SyncId);
        Assert.Equal(SyncStatus.Running, sync.Status);
        Assert.Equal(250, sync.TotalItems);
        Assert.Equal(userId, sync.InitiatedBy);
        Assert.True(sync.IsRunning);
        Assert.Null(sync.CompletedAt);
    }

    [Fact]
    public async Task Start_SameSyncIdTwice_ThrowsSyncAlreadyExists()
    {
        var request = new StartSync(TestDatabase.NewOrgId(), "products", "odoo", 10, SyncId: "sync-1");
        await Tracker.StartAsync(request);

        var error = await Assert.ThrowsAsync<SyncAlreadyExistsException>(() => Tracker.StartAsync(request));

        Assert.Equal("23505", error.SqlState);
    }

    [Fact]
    public async Task Report_Counts_StoredWithCurrentItemAndLastProgress()
    {
        var sync = await StartAsync(100);

        var reported = await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 40, 2);
        var explicitItem = await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 41, 2, currentItem: 77);

        Assert.Equal((40, 2, 42), (reported.ProcessedCount, reported.FailedCount, reported.CurrentItem));
        Assert.NotNull(reported.LastProgressAt);
        Assert.Equal(77, explicitItem.CurrentItem);
        Assert.Equal(43, explicitItem.Done);
    }

    [Fact]
    public async Task Report_ReachingTotal_EndsSyncAsCompleted()
    {
        var sync = await StartAsync(10);

        var done = await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 10, 0);

        Assert.Equal(SyncStatus.Completed, done.Status);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(0, done.EtaSeconds);
    }

    [Fact]
    public async Task SetTotal_Raised_KeepsSyncRunningAtNewTotal()
    {
        var sync = await StartAsync(10);
        await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 5, 0);

        var raised = await Tracker.SetTotalAsync(sync.OrgId, sync.SyncId, 1_000);

        Assert.Equal(1_000, raised.TotalItems);
        Assert.True(raised.IsRunning);
    }

    [Fact]
    public async Task SetTotal_BelowItemsDone_ThrowsSyncCountsInvalid()
    {
        var sync = await StartAsync(100);
        await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 50, 0);

        var error = await Assert.ThrowsAsync<SyncCountsInvalidException>(() => Tracker.SetTotalAsync(sync.OrgId, sync.SyncId, 49));

        Assert.Contains("sync_progress_counts_within_total", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, (await Tracker.FindAsync(sync.OrgId, sync.SyncId))!.TotalItems);
    }

    [Fact]
    public async Task Heartbeat_NoProgress_MovesUpdatedAtButNotLastProgress()
    {
        var sync = await StartAsync(10);
        var reported = await Tracker.ReportAsync(sync.OrgId, sync.SyncId, 1, 0);

        var beat = await Tracker.HeartbeatAsync(sync.OrgId, sync.SyncId);

        Assert.True(beat.UpdatedAt > reported.UpdatedAt);
        Assert.Equal(reported.LastProgressAt, beat.LastProgressAt);
        Assert.Equal(1, beat.ProcessedCount);
        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from public.sync_progress where org_id = $1 and heartbeat_at is not null", sync.OrgId));
    }

    [Fact]
    public async Task Heartbeat_AfterMaintenanceTimedOut_ThrowsSyncAlreadyFinished()
    {
        var sync = await StartAsync(10);
        await ExecuteAsync("update public.sync_progress set status = 'timeout' where org_id = $1", sync.OrgId);

        var error = await Assert.ThrowsAsync<SyncAlreadyFinishedException>(() => Tracker.HeartbeatAsync(sync.OrgId, sync.SyncId));

        Assert.Contains("already timeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SyncStatus.Failed)]
    [InlineData(SyncStatus.Cancelled)]
    public async Task EndAgain_AfterCompleted_ThrowsSyncAlreadyFinished(string how)
    {
        var sync = await StartAsync(10);
        await Tracker.CompleteAsync(sync.OrgId, sync.SyncId, 10, 0);

        await Assert.ThrowsAsync<SyncAlreadyFinishedException>(() => how == SyncStatus.Failed
            ? Tracker.FailAsync(sync.OrgId, sync.SyncId, "late failure")
            : Tracker.CancelAsync(sync.OrgId, sync.SyncId));

        Assert.Equal(SyncStatus.Completed, (await Tracker.FindAsync(sync.OrgId, sync.SyncId))!.Status);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, sync.OrgId, sync.SyncId));
    }

    [Theory]
    [InlineData(0, SyncStatus.Completed)]
    [InlineData(3, SyncStatus.CompletedWithErrors)]
    public async Task Complete_FinalCounts_StatusByFailures(int failed, string status)
    {
        var sync = await StartAsync(100);

        var completed = await Tracker.CompleteAsync(sync.OrgId, sync.SyncId, 90, failed);

        Assert.Equal(status, completed.Status);
        Assert.Equal(90, completed.ProcessedCount);
        Assert.NotNull(completed.CompletedAt);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, sync.OrgId, sync.SyncId, "sync_completed"));
    }

    [Fact]
    public async Task Fail_WithMessage_EndsFailedAndLogsTheMessage()
    {
        var sync = await StartAsync(100);

        var failed = await Tracker.FailAsync(sync.OrgId, sync.SyncId, "WooCommerce returned 503");

        Assert.Equal(SyncStatus.Failed, failed.Status);
        Assert.Equal("WooCommerce returned 503", failed.ErrorMessage);
        Assert.Equal("WooCommerce returned 503", await ScalarAsync<string>(
            "select error_message from public.sync_activity_log where org_id = $1 and action = 'sync_failed'", sync.OrgId));
    }

    [Fact]
    public async Task Cancel_WithoutReason_EndsCancelledAndLogsOnce()
    {
        var sync = await StartAsync(100);

        var cancelled = await Tracker.CancelAsync(sync.OrgId, sync.SyncId);

        Assert.Equal(SyncStatus.Cancelled, cancelled.Status);
        Assert.Equal("cancelled", cancelled.ErrorMessage);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, sync.OrgId, sync.SyncId, "sync_cancelled"));
    }

    [Fact]
    public async Task RecordItemFailure_LogsItemWithExternalIdAndUser()
    {
        var userId = Guid.NewGuid();
        var sync = await Tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", 10, userId, "sync-1"));

        await Tracker.RecordItemFailureAsync(sync, "woo-4711", "SKU already exists");

        var row = await RowAsync(
            "select action, external_id, error_message, user_id from public.sync_activity_log where org_id = $1", sync.OrgId);
        Assert.Equal("item_failed", row["action"]);
        Assert.Equal("woo-4711", row["external_id"]);
        Assert.Equal("SKU already exists", row["error_message"]);
        Assert.Equal(userId, row["user_id"]);
    }

    [Fact]
    public async Task UnknownSync_EveryWrite_ThrowsSyncNotFound()
    {
        var orgId = TestDatabase.NewOrgId();

        await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.ReportAsync(orgId, "nope", 1, 0));
        await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.HeartbeatAsync(orgId, "nope"));
        await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.SetTotalAsync(orgId, "nope", 5));
        await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.CompleteAsync(orgId, "nope", 1, 0));
        await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.FailAsync(orgId, "nope", "x"));
        var error = await Assert.ThrowsAsync<SyncNotFoundException>(() => Tracker.CancelAsync(orgId, "nope"));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Null(await Tracker.FindAsync(orgId, "nope"));
    }

    [Fact]
    public async Task GetActive_ReturnsRunningSyncsNewestUpdateFirst()
    {
        var orgId = TestDatabase.NewOrgId();
        var older = await Tracker.StartAsync(new StartSync(orgId, "products", "woocommerce", 10, SyncId: "older"));
        await Tracker.StartAsync(new StartSync(orgId, "orders", "woocommerce", 10, SyncId: "finished"));
        await Tracker.StartAsync(new StartSync(orgId, "customers", "odoo", 10, SyncId: "newer"));
        await Tracker.CompleteAsync(orgId, "finished", 10, 0);
        await Tracker.ReportAsync(orgId, "newer", 1, 0);

        var active = await Tracker.GetActiveAsync(orgId);

        Assert.Equal(["newer", "older"], active.Select(s => s.SyncId));
        Assert.Equal(older.StartedAt, (await Tracker.FindAsync(orgId, "older"))!.StartedAt);
    }

    private Task<SyncProgress> StartAsync(int total) =>
        Tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", total, SyncId: "sync-1"));
}
