using Npgsql;
using SyncOps.Database;
using SyncOps.Tracking;

namespace SyncOps.Reports;

/// <summary>The guide's three "Common Queries", through the report functions of the schema.</summary>
public sealed class SyncReports(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyList<SlowSyncRow>> SlowAsync(
        string orgId, decimal maxItemsPerMin = 10, int? days = null, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "select * from public.report_slow_syncs($1, $2, $3)",
            r => new SlowSyncRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                r.GetDecimal(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetDecimal(7)),
            cancellationToken, orgId, maxItemsPerMin, (object?)days ?? DBNull.Value);

    public Task<IReadOnlyList<FailedSyncRow>> FailedAsync(
        string orgId, int days = 30, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "select * from public.report_failed_syncs($1, $2)",
            r => new FailedSyncRow(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)),
            cancellationToken, orgId, days);

    public Task<IReadOnlyList<DurationTrendRow>> TrendsAsync(
        string orgId, int days = 30, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "select * from public.report_sync_duration_trends($1, $2)",
            r => new DurationTrendRow(r.IsDBNull(0) ? null : r.GetString(0), r.GetInt64(1),
                r.IsDBNull(2) ? null : r.GetDecimal(2), r.IsDBNull(3) ? null : r.GetDecimal(3),
                r.IsDBNull(4) ? null : r.GetInt64(4)),
            cancellationToken, orgId, days);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.AddValues(parameters);
        return await SyncTracker.ExecuteAsync(() => command.ReadAllAsync(read, cancellationToken));
    }
}
