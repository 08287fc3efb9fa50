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
        var rows = new List<SyncTotalsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SyncTotalsRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SyncTotals(rows, reader.GetInt64(0));
    }
}
