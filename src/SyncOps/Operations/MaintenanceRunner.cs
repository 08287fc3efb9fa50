using Npgsql;

namespace SyncOps.Operations;

/// <summary>
/// The periodic housekeeping: partitions ahead, retention, expired preview cache, stale syncs to timeout, jobs whose
/// worker died taken over. <c>serve</c> runs it through <see cref="Upkeep"/>; <c>syncops maintenance run</c> directly.
/// Safe to run from several processes at once (each step is idempotent and partition creation is serialised).
/// </summary>
public sealed class MaintenanceRunner(NpgsqlDataSource dataSource)
{
    public async Task<MaintenanceReport> RunOnceAsync(
        MaintenanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MaintenanceOptions();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = await ReadStringsAsync(connection,
            "select public.ensure_activity_log_partitions(1, $1)", options.MonthsAhead, cancellationToken);
        var dropped = await ReadStringsAsync(connection,
            "select public.drop_expired_activity_log_partitions($1)", options.RetentionMonths, cancellationToken);
        await using var cleanup = new NpgsqlCommand(
            "select (public.auto_cleanup_preview_cache() ->> 'deleted_count')::int", connection);
        var deleted = (int)(await cleanup.ExecuteScalarAsync(cancellationToken))!;
        var timedOut = await ReadStringsAsync(connection,
            "select org_id || '/' || sync_id from public.timeout_stale_syncs($1)", options.StaleAfter, cancellationToken);
        // After the stale syncs: a dead worker's sync is timed out first, then its job is queued again and resumes.
        var takenOver = await ReadStringsAsync(connection,
            "select org_id || '/' || id from public.take_over_orphaned_jobs($1)", options.StaleAfter, cancellationToken);
        return new MaintenanceReport(created, dropped, deleted, timedOut) { JobsTakenOver = takenOver };
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(
        NpgsqlConnection connection, string sql, object parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
