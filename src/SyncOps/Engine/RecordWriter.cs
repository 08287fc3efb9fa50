using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

/// <summary>
/// Writes a batch of canonical records in one transaction: one multi-row upsert from arrays (<c>unnest</c>) that skips
/// rows whose content hash did not change, the failed records' log rows, and the checkpoint. When PostgreSQL rejects
/// a value (class 22/23), the batch is retried row by row under savepoints so only the bad record fails.
/// </summary>
public sealed partial class RecordWriter(NpgsqlDataSource dataSource)
{
    public async Task<WriteOutcome> WriteAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(failures);
        // The same record twice in one statement would make ON CONFLICT fail; the later copy is the newer one.
        var unique = records.Count < 2 ? records : records.GroupBy(r => r.ExternalId).Select(g => g.Last()).ToList();
        try
        {
            return await WriteOnceAsync(target, unique, records.Count, failures, checkpoint, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            return await WriteRowByRowAsync(target, unique, records.Count, failures, checkpoint, cancellationToken);
        }
    }

    private async Task<WriteOutcome> WriteOnceAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, int received, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (created, updated) = records.Count == 0 ? (0, 0) : await UpsertAsync(connection, target, records, cancellationToken);
        await LogFailuresAsync(connection, target, failures, cancellationToken);
        if (checkpoint is not null)
        {
            await CheckpointStore.SaveRunAsync(connection, target.OrgId, target.ConnectionId, target.Entity, checkpoint, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome(created, updated, received - created - updated, failures.Count);
    }

    private async Task<WriteOutcome> WriteRowByRowAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, int received, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var allFailures = failures.ToList();
        int created = 0, updated = 0;
        foreach (var record in records)
        {
            await transaction.SaveAsync("record", cancellationToken);
            try
            {
                var (c, u) = await UpsertAsync(connection, target, [record], cancellationToken);
                created += c;
                updated += u;
            }
            catch (PostgresException e)
            {
                await transaction.RollbackAsync("record", cancellationToken);
                allFailures.Add(SourceItem.Failed(record.ExternalId, $"rejected by the database: {e.MessageText} ({e.SqlState})"));
            }
        }

        await LogFailuresAsync(connection, target, allFailures, cancellationToken);
        if (checkpoint is not null)
        {
            await CheckpointStore.SaveRunAsync(connection, target.OrgId, target.ConnectionId, target.Entity, checkpoint, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var rejected = allFailures.Count - failures.Count;
        return new WriteOutcome(created, updated, received - created - updated - rejected, allFailures.Count);
    }

    private static async Task<(int Created, int Updated)> UpsertAsync(
        NpgsqlConnection connection, WriteTarget target, IReadOnlyList<CanonicalRecord> records, CancellationToken cancellationToken)
    {
        var table = CanonicalTable.For(target.Entity);
        await using var command = new NpgsqlCommand(UpsertSql(table), connection);
        command.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId, target.SyncId,
            TextArray(records.Select(r => r.ExternalId)),
            TextArray(records.Select(r => Timestamp(r.SourceCreatedAt))),
            TextArray(records.Select(r => Timestamp(r.SourceUpdatedAt))),
            SqlParameters.Typed(records.Select(r => r.ContentHash).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea),
            TextArray(records.Select(r => r.RawJson)));
        for (var column = 0; column < table.Columns.Count; column++)
        {
            command.AddValues(TextArray(records.Select(r => r.Fields[column])));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task LogFailuresAsync(
        NpgsqlConnection connection, WriteTarget target, IReadOnlyList<SourceItem> failures, CancellationToken cancellationToken)
    {
        if (failures.Count == 0)
        {
            return;
        }

        // The same row the SDK's RecordItemFailureAsync writes (the guide's per-item error log), in this transaction.
        await using var command = new NpgsqlCommand(
            """
            insert into public.sync_activity_log
                (org_id, sync_id, entity_type, source_system, action, status, record_count, error_message, external_id, user_id)
            select $1, $2, $3, $4, 'item_failed', 'completed_with_errors', 1, u.error, u.external_id, $7
            from unnest($5::text[], $6::text[]) as u(external_id, error)
            """, connection);
        command.AddValues(target.OrgId, target.SyncId, target.Entity, target.SourceSystem,
            TextArray(failures.Select(f => f.ExternalId)), TextArray(failures.Select(f => f.Error)),
            SqlParameters.Typed(target.InitiatedBy, NpgsqlDbType.Uuid));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter TextArray(IEnumerable<string?> values) =>
        SqlParameters.Typed(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    private static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
