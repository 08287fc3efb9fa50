using System.Globalization;
using Npgsql;
using SyncOps.Security;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Schema;

/// <summary>Monthly partitions of sync_activity_log: created ahead, a default for any date, retention, the guide's DDL.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class ActivityLogPartitionTests : DatabaseTest
{
    private const string GuidePartitionDdl =
        "CREATE TABLE IF NOT EXISTS sync_activity_log_2025_11 PARTITION OF sync_activity_log FOR VALUES FROM ('2025-11-01') TO ('2025-12-01');";

    [Fact]
    public async Task Migrate_PartitionsExistForCurrentMonthAndAhead()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expected = Enumerable.Range(0, 4).Select(m => PartitionName(now.AddMonths(m))).ToArray();

        var partitions = await PartitionsAsync();

        Assert.All(expected, name => Assert.Contains(name, partitions));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-5)]
    public async Task Insert_DatedYearsAwayFromNow_StoredInDefaultPartitionAndReadable(int years)
    {
        var orgId = TestDatabase.NewOrgId();
        var createdAt = TimeProvider.System.GetUtcNow().AddYears(years);

        await ExecuteAsync("insert into public.sync_activity_log (org_id, action, created_at) values ($1, 'note', $2)", orgId, createdAt);

        var row = await RowAsync("select tableoid::regclass::text as partition, created_at from public.sync_activity_log where org_id = $1", orgId);
        Assert.Equal("sync_activity_log_default", row["partition"]);
        Assert.Equal(createdAt.ToUnixTimeMilliseconds(), new DateTimeOffset((DateTime)row["created_at"]!).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task EnsurePartition_RowsOfThatMonthInDefault_MovedIntoNewPartition()
    {
        var orgId = TestDatabase.NewOrgId();
        var createdAt = new DateTimeOffset(2040, 3, 15, 12, 0, 0, TimeSpan.Zero);
        await ExecuteAsync("insert into public.sync_activity_log (org_id, action, created_at) values ($1, 'note', $2)", orgId, createdAt);

        var created = await ScalarAsync<string>("select public.ensure_activity_log_partition(date '2040-03-01')");

        Assert.Equal("sync_activity_log_2040_03", created);
        Assert.Equal("sync_activity_log_2040_03",
            await ScalarAsync<string>("select tableoid::regclass::text from public.sync_activity_log where org_id = $1", orgId));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_activity_log_default where org_id = $1", orgId));
        Assert.Null(await ScalarAsync<string>("select public.ensure_activity_log_partition(date '2040-03-20')"));
    }

    [Fact]
    public async Task DropExpired_PartitionOlderThanRetention_Dropped()
    {
        var old = TimeProvider.System.GetUtcNow().UtcDateTime.AddMonths(-30);
        var name = PartitionName(old);
        await ExecuteAsync("select public.ensure_activity_log_partition($1)", DateOnly.FromDateTime(old));
        Assert.Contains(name, await PartitionsAsync());

        var dropped = await ScalarAsync<string[]>("select array_agg(p) from public.drop_expired_activity_log_partitions(12) p");

        Assert.Contains(name, dropped!);
        Assert.DoesNotContain(name, await PartitionsAsync());
        Assert.Contains(PartitionName(TimeProvider.System.GetUtcNow().UtcDateTime), await PartitionsAsync());
    }

    [Fact]
    public async Task DropExpired_RetentionBelowOneMonth_Rejected()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("select public.drop_expired_activity_log_partitions(0)"));

        Assert.Equal("22023", error.SqlState);
    }

    [Fact]
    public async Task GuideCreatePartition_MonthMissing_CreatesIt()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "drop table if exists public.sync_activity_log_2025_11");

        await Sql.ExecuteAsync(connection, GuidePartitionDdl);

        Assert.Equal("sync_activity_log", await Sql.ScalarAsync<string>(connection,
            "select inhparent::regclass::text from pg_inherits where inhrelid = 'public.sync_activity_log_2025_11'::regclass"));
        // A partition made by hand has no grants: members still read only through the parent and its policies.
        await UserSession.ActAsAsync(connection, new UserContext("authenticated", """{"role":"authenticated"}"""), CancellationToken.None);
        var error = await Sql.FailsAsync(connection, "select count(*) from public.sync_activity_log_2025_11");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        // Rolled back: the test leaves the partitions as they were.
    }

    [Fact]
    public async Task GuideCreatePartition_MonthAlreadyCreatedByMaintenance_RunsWithoutError()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "select public.ensure_activity_log_partition(date '2025-11-01')");

        await Sql.ExecuteAsync(connection, GuidePartitionDdl);

        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection,
            "select count(*) from pg_inherits where inhrelid = 'public.sync_activity_log_2025_11'::regclass"));
    }

    [Fact]
    public async Task GuideCreatePartition_RowsOfThatMonthWaitInDefault_RefusedWhereEnsurePartitionMovesThem()
    {
        // The limit of the guide's plain DDL: PostgreSQL will not create a partition whose rows sit in the default
        // partition. ensure_activity_log_partition (what maintenance runs) moves them first.
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "drop table if exists public.sync_activity_log_2025_11");
        var orgId = TestDatabase.NewOrgId();
        await Sql.ExecuteAsync(connection,
            "insert into public.sync_activity_log (org_id, action, created_at) values ($1, 'note', timestamptz '2025-11-15 12:00Z')", orgId);

        var error = await Sql.FailsAsync(connection, GuidePartitionDdl);
        var created = await Sql.ScalarAsync<string>(connection, "select public.ensure_activity_log_partition(date '2025-11-01')");

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Contains("default partition", error.MessageText, StringComparison.Ordinal);
        Assert.Equal("sync_activity_log_2025_11", created);
        Assert.Equal("sync_activity_log_2025_11", await Sql.ScalarAsync<string>(connection,
            "select tableoid::regclass::text from public.sync_activity_log where org_id = $1", orgId));
    }

    private static string PartitionName(DateTime month) =>
        "sync_activity_log_" + month.ToString("yyyy_MM", CultureInfo.InvariantCulture);

    private async Task<string[]> PartitionsAsync() =>
        (await ScalarAsync<string[]>(
            "select array_agg(inhrelid::regclass::text) from pg_inherits where inhparent = 'public.sync_activity_log'::regclass"))!;
}
