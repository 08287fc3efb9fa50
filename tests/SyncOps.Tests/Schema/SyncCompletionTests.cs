using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Tests.Schema;

/// <summary>How a sync ends: the status, completed_at, exactly one activity-log row, and no changes afterwards.</summary>
public sealed class SyncCompletionTests : DatabaseTest
{
    [Theory]
    [InlineData(100, 0, "completed")]
    [InlineData(97, 3, "completed_with_errors")]
    public async Task Update_ReachingTotal_SetsStatusAndLogsExactlyOneRow(int processed, int failed, string status)
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100, startedSecondsAgo: 30);

        await ExecuteAsync("update public.sync_progress set processed_count = $2, failed_count = $3 where org_id = $1", orgId, processed, failed);
        await ExecuteAsync("update public.sync_progress set current_item = 100 where org_id = $1", orgId);

        var row = await RowAsync("select status, completed_at is not null as ended from public.sync_progress where org_id = $1", orgId);
        Assert.Equal(status, row["status"]);
        Assert.Equal(true, row["ended"]);
        var log = await RowAsync(
            "select count(*) over () as rows, action, status, record_count, failed_count, duration_seconds from public.sync_activity_log where org_id = $1",
            orgId);
        Assert.Equal(1L, log["rows"]);
        Assert.Equal("sync_completed", log["action"]);
        Assert.Equal(status, log["status"]);
        Assert.Equal(processed, log["record_count"]);
        Assert.Equal(failed, log["failed_count"]);
        Assert.InRange((decimal)log["duration_seconds"]!, 30m, 40m);
    }

    [Theory]
    [InlineData("failed", "sync_failed")]
    [InlineData("cancelled", "sync_cancelled")]
    [InlineData("timeout", "sync_timeout")]
    public async Task Update_EndingStatus_LogsExactlyOneRowWithThatAction(string status, string action)
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100);
        await ExecuteAsync("update public.sync_progress set processed_count = 10 where org_id = $1", orgId);

        await ExecuteAsync("update public.sync_progress set status = $2, error_message = 'boom' where org_id = $1", orgId, status);
        await ExecuteAsync("update public.sync_progress set error_message = 'boom again' where org_id = $1", orgId);

        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "sync-1"));
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "sync-1", action));
        var row = await RowAsync("select completed_at is not null as ended, eta_seconds from public.sync_progress where org_id = $1", orgId);
        Assert.Equal(true, row["ended"]);
        Assert.Null(row["eta_seconds"]);
    }

    [Fact]
    public async Task Update_CountsOfFinishedSync_RejectedWithPT409()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100);
        await ExecuteAsync("update public.sync_progress set processed_count = 100 where org_id = $1", orgId);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync("update public.sync_progress set processed_count = 99, failed_count = 1 where org_id = $1", orgId));

        Assert.Equal("PT409", error.SqlState);
        Assert.Contains("already completed", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_AgainWithSameCounts_IsAcceptedAndLogsOnce()
    {
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var sync = await tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "orders", "odoo", 50, SyncId: "sync-1"));

        var first = await tracker.CompleteAsync(sync.OrgId, sync.SyncId, 48, 2);
        var second = await tracker.CompleteAsync(sync.OrgId, sync.SyncId, 48, 2);

        Assert.Equal(SyncStatus.CompletedWithErrors, second.Status);
        Assert.Equal(first.CompletedAt, second.CompletedAt);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, sync.OrgId, sync.SyncId));
    }

    [Fact]
    public async Task Report_AfterFinished_ThrowsSyncAlreadyFinished()
    {
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var sync = await tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "orders", "odoo", 50, SyncId: "sync-1"));
        await tracker.FailAsync(sync.OrgId, sync.SyncId, "API down");

        var error = await Assert.ThrowsAsync<SyncAlreadyFinishedException>(() => tracker.ReportAsync(sync.OrgId, sync.SyncId, 10, 0));

        Assert.Equal("PT409", error.SqlState);
        Assert.Contains("already failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_TwoConnectionsRaceToLastItem_LogsExactlyOnce()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100);
        await ExecuteAsync("update public.sync_progress set processed_count = 99 where org_id = $1", orgId);
        const string finish = "update public.sync_progress set processed_count = 100 where org_id = $1";

        await using var first = await DataSource.OpenConnectionAsync();
        await using var second = await DataSource.OpenConnectionAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        await using var secondTx = await second.BeginTransactionAsync();
        Assert.Equal(1, await Sql.ExecuteAsync(first, finish, orgId));
        // The second update blocks on the first one's row lock; once it waits, the first commits.
        var secondUpdate = Sql.ExecuteAsync(second, finish, orgId);
        await Locks.WaitUntilBlockedAsync(DataSource, second.ProcessID);
        await firstTx.CommitAsync();
        Assert.Equal(1, await secondUpdate);
        await secondTx.CommitAsync();

        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, orgId, "sync-1"));
        Assert.Equal("completed", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1", orgId));
    }
}
