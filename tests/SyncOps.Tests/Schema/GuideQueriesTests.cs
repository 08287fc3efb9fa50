using Npgsql;

namespace SyncOps.Tests.Schema;

/// <summary>The guide's "Common Queries", verbatim but for the organisation id, against this schema.</summary>
public sealed class GuideQueriesTests : DatabaseTest
{
    private const string FindSlowSyncs = """
        SELECT
          sync_id,
          entity_type,
          processed_count,
          speed_items_per_min,
          elapsed_seconds,
          (elapsed_seconds::numeric / processed_count) AS seconds_per_item
        FROM sync_progress
        WHERE org_id = 'org-123'
        AND speed_items_per_min > 0
        AND speed_items_per_min < 10
        ORDER BY speed_items_per_min ASC;
        """;

    private const string FindFailedSyncs = """
        SELECT
          sal.sync_id,
          sal.entity_type,
          sal.status,
          COUNT(*) AS error_count,
          sal.error_message
        FROM sync_activity_log sal
        WHERE sal.org_id = 'org-123'
        AND sal.status IN ('failed', 'completed_with_errors')
        AND sal.created_at > NOW() - INTERVAL '30 days'
        GROUP BY sal.sync_id, sal.entity_type, sal.status, sal.error_message
        ORDER BY sal.created_at DESC;
        """;

    private const string SyncDurationTrends = """
        SELECT
          entity_type,
          COUNT(*) AS sync_count,
          AVG(duration_seconds) AS avg_duration_sec,
          MAX(duration_seconds) AS max_duration_sec,
          SUM(record_count) AS total_records
        FROM sync_activity_log
        WHERE org_id = 'org-123'
        AND created_at > NOW() - INTERVAL '30 days'
        AND status IN ('completed', 'completed_with_errors')
        GROUP BY entity_type
        ORDER BY entity_type;
        """;

    [Fact]
    public async Task FindSlowSyncs_AsWritten_ReturnsOnlyTheSlowSync()
    {
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "slow", 100, startedSecondsAgo: 600);
        await SyncRows.InsertAsync(DataSource, orgId, "fast", 100, startedSecondsAgo: 60);
        await ExecuteAsync("update public.sync_progress set processed_count = 5 where org_id = $1 and sync_id = 'slow'", orgId);
        await ExecuteAsync("update public.sync_progress set processed_count = 90 where org_id = $1 and sync_id = 'fast'", orgId);

        await using var connection = await DataSource.OpenConnectionAsync();
        var row = await Sql.RowAsync(connection, WithOrg(FindSlowSyncs), orgId);

        Assert.NotNull(row);
        Assert.Equal("slow", row["sync_id"]);
        Assert.InRange((decimal)row["seconds_per_item"]!, 120m, 125m);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, $"select count(*) from ({WithOrg(FindSlowSyncs).TrimEnd(';')}) q", orgId));
    }

    [Fact]
    public async Task FindSlowSyncs_AsWritten_SyncWithOnlyFailedItems_DividesByZero()
    {
        // A limit of the guide's text, not of the schema: speed counts failed items too, so a sync whose every item
        // failed so far is "slow" with processed_count 0. report_slow_syncs guards the division (nullif).
        var orgId = TestDatabase.NewOrgId();
        await SyncRows.InsertAsync(DataSource, orgId, "all-failed", 100, startedSecondsAgo: 600);
        await ExecuteAsync("update public.sync_progress set failed_count = 5 where org_id = $1", orgId);
        await using var connection = await DataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connection, WithOrg(FindSlowSyncs), orgId));

        Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, "select count(*) from public.report_slow_syncs($1)", orgId));
    }

    [Fact]
    public async Task FindFailedSyncs_AsWritten_RejectedWithGroupingError()
    {
        await using var connection = await DataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecuteAsync(connection, WithOrg(FindFailedSyncs), TestDatabase.NewOrgId()));

        Assert.Equal(PostgresErrorCodes.GroupingError, error.SqlState);
        Assert.Contains("sal.created_at", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportFailedSyncs_Corrected_GroupsFailuresNewestFirst()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_activity_log (org_id, sync_id, entity_type, action, status, error_message, created_at) values
              ($1, 'a', 'products', 'item_failed', 'completed_with_errors', 'SKU missing', now() - interval '3 days'),
              ($1, 'a', 'products', 'item_failed', 'completed_with_errors', 'SKU missing', now() - interval '2 days'),
              ($1, 'b', 'orders', 'sync_failed', 'failed', 'API down', now() - interval '1 day'),
              ($1, 'c', 'orders', 'sync_failed', 'failed', 'too old', now() - interval '40 days'),
              ($1, 'd', 'orders', 'sync_completed', 'completed', null, now())
            """, orgId);

        await using var connection = await DataSource.OpenConnectionAsync();
        var rows = await Sql.ScalarAsync<string[]>(connection,
            "select array_agg(sync_id || ':' || error_count order by ordinality) from public.report_failed_syncs($1, 30) with ordinality",
            orgId);

        Assert.Equal(["b:1", "a:2"], rows!);
    }

    [Fact]
    public async Task SyncDurationTrends_AsWritten_AveragesCompletedSyncsPerEntity()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_activity_log (org_id, sync_id, entity_type, action, status, record_count, duration_seconds) values
              ($1, 'a', 'products', 'sync_completed', 'completed', 100, 10),
              ($1, 'b', 'products', 'sync_completed', 'completed_with_errors', 50, 30),
              ($1, 'c', 'orders', 'sync_failed', 'failed', 5, 99)
            """, orgId);

        await using var connection = await DataSource.OpenConnectionAsync();
        var row = await Sql.RowAsync(connection, WithOrg(SyncDurationTrends), orgId);

        Assert.NotNull(row);
        Assert.Equal("products", row["entity_type"]);
        Assert.Equal(2L, row["sync_count"]);
        Assert.Equal(20m, row["avg_duration_sec"]);
        Assert.Equal(30m, row["max_duration_sec"]);
        Assert.Equal(150L, row["total_records"]);
    }

    // The organisation id is the only change to the guide's text, and it goes in as a parameter.
    private static string WithOrg(string sql) => sql.Replace("'org-123'", "$1", StringComparison.Ordinal);
}
