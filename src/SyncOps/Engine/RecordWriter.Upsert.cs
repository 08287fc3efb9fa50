using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
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
