using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Tests.Schema;

/// <summary>The count constraints must fail with PostgreSQL's own check violation: the guide matches on its text.</summary>
public sealed class SyncProgressConstraintTests : DatabaseTest
{
    [Theory]
    [InlineData(-1, 0, "sync_progress_counts_non_negative")]
    [InlineData(0, -1, "sync_progress_counts_non_negative")]
    [InlineData(60, 41, "sync_progress_counts_within_total")]
    public async Task Update_InvalidCounts_RejectedWithCheckViolation(int processed, int failed, string constraint)
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "sync-1", 100);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "update public.sync_progress set processed_count = $2, failed_count = $3 where org_id = $1", orgId, processed, failed));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
        Assert.Contains("violates check constraint", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_NegativeTotal_RejectedWithCheckViolation()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "insert into public.sync_progress (org_id, sync_id, entity_type, total_items) values ($1, 's', 'products', -5)",
            TestDatabase.NewOrgId()));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Contains("violates check constraint", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_CountsExceedTotal_SdkThrowsSyncCountsInvalidWithPostgresMessage()
    {
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var sync = await tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", 10, SyncId: "sync-1"));

        var error = await Assert.ThrowsAsync<SyncCountsInvalidException>(() => tracker.ReportAsync(sync.OrgId, sync.SyncId, 9, 2));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Contains("violates check constraint \"sync_progress_counts_within_total\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await tracker.FindAsync(sync.OrgId, sync.SyncId))!.ProcessedCount);
    }

    [Fact]
    public async Task Report_NegativeCount_SdkThrowsSyncCountsInvalid()
    {
        var tracker = new SyncTracker(DataSource, TimeProvider.System);
        var sync = await tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", 10, SyncId: "sync-1"));

        var error = await Assert.ThrowsAsync<SyncCountsInvalidException>(() => tracker.ReportAsync(sync.OrgId, sync.SyncId, -1, 0));

        Assert.Contains("violates check constraint \"sync_progress_counts_non_negative\"", error.Message, StringComparison.Ordinal);
    }
}
