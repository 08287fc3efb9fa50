using SyncOps.Database;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    private const string TotalsSql =
        """
        select source_system, entity_type, count(*) filter (where status = 'running'),
               coalesce(sum(processed_count), 0), coalesce(sum(failed_count), 0)
        from public.sync_progress group by source_system, entity_type;
        select coalesce((select n_tup_ins + n_tup_upd from pg_stat_user_tables where relname = 'sync_progress' and schemaname = 'public'), 0)
        """;

    /// <summary>Totals across every organisation, as the server (not a user): one round trip, for the metrics sampler (which logs an <c>NpgsqlException</c> and tries again).</summary>
    public async Task<SyncTotals> GetTotalsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(TotalsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = await reader.ReadRowsAsync(
            r => new SyncTotalsRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken);

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SyncTotals(rows, reader.GetInt64(0));
    }
}
