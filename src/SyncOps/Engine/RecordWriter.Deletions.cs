using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    /// <summary>
    /// Marks <c>deleted_at</c> on the connection's rows of the entity whose id is not in <paramref name="present"/>
    /// (every id a complete full scan listed), clears it on listed rows that carry it, and returns how many were marked.
    /// Never deletes a row. The ids go through a temporary table filled by binary COPY and analysed, so the anti-join is
    /// a hash join however many records the store has (an array parameter would be planned as a hundred rows).
    /// </summary>
    public async Task<int> MarkDeletedAsync(
        WriteTarget target, IReadOnlyCollection<string> present, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(present);
        var table = CanonicalTable.For(target.Entity).Name;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "create temporary table present_ids (external_id text primary key) on commit drop", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("copy present_ids (external_id) from stdin (format binary)", cancellationToken))
        {
            foreach (var id in present)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var analyze = new NpgsqlCommand("analyze present_ids", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        // Rows of another connection of the same source system are that connection's to judge.
        await using var restore = new NpgsqlCommand(
            $"""
            update public.{table} t set deleted_at = null, updated_at = now()
            from present_ids p
            where t.org_id = $1 and t.source_system = $2 and t.connection_id = $3 and t.deleted_at is not null
              and t.external_id = p.external_id
            """, connection);
        restore.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId);
        await restore.ExecuteNonQueryAsync(cancellationToken);

        await using var mark = new NpgsqlCommand(
            $"""
            update public.{table} t set deleted_at = $4, updated_at = now()
            where t.org_id = $1 and t.source_system = $2 and t.connection_id = $3 and t.deleted_at is null
              and not exists (select from present_ids p where p.external_id = t.external_id)
            """, connection);
        mark.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId, at);
        var marked = await mark.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return marked;
    }
}
