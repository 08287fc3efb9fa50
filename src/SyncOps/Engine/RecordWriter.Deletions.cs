using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    /// <summary>Rows changed per statement: bounds the ids held in memory, whatever the number of records.</summary>
    private const int DeletionChunk = 10_000;

    /// <summary>
    /// Marks <c>deleted_at</c> on the connection's rows of the entity whose id <paramref name="isPresent"/> rejects (it
    /// answers for every id a complete full scan listed), clears it on listed rows that carry it, and returns how many
    /// were marked. Never deletes a row. The stored ids are streamed from one connection and tested one by one, and the
    /// changes go in chunks through another, in one transaction: memory holds a chunk of ids, never every id of the store.
    /// </summary>
    public async Task<int> MarkDeletedAsync(
        WriteTarget target, Func<string, bool> isPresent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(isPresent);
        var table = CanonicalTable.For(target.Entity).Name;
        await using var writing = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await writing.BeginTransactionAsync(cancellationToken);
        await using var reading = await dataSource.OpenConnectionAsync(cancellationToken);
        // Rows of another connection of the same source system are that connection's to judge. Rows stored after this
        // snapshot are not read, so a record that arrived since (a webhook) is never marked.
        await using var stored = new NpgsqlCommand(
            $"select external_id, deleted_at is not null from public.{table} where org_id = $1 and source_system = $2 and connection_id = $3",
            reading);
        stored.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId);
        await using var rows = await stored.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        List<string> missing = [], back = [];
        var marked = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            var (id, deleted) = (rows.GetString(0), rows.GetBoolean(1));
            if (isPresent(id) == deleted)
            {
                (deleted ? back : missing).Add(id);
            }

            if (missing.Count + back.Count >= DeletionChunk)
            {
                marked += await ApplyDeletionsAsync(writing, table, target, missing, back, at, cancellationToken);
            }
        }

        marked += await ApplyDeletionsAsync(writing, table, target, missing, back, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return marked;
    }

    /// <summary>Marks the missing ids deleted and clears the mark on those back, then empties both lists; returns how many were marked.</summary>
    private static async Task<int> ApplyDeletionsAsync(
        NpgsqlConnection connection, string table, WriteTarget target, List<string> missing, List<string> back, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var marked = 0;
        if (back.Count > 0)
        {
            await using var restore = new NpgsqlCommand(
                $"""
                update public.{table} set deleted_at = null, updated_at = now()
                where org_id = $1 and source_system = $2 and connection_id = $3 and deleted_at is not null and external_id = any($4)
                """, connection);
            restore.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId, SqlParameters.Typed(back.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
            await restore.ExecuteNonQueryAsync(cancellationToken);
        }

        if (missing.Count > 0)
        {
            await using var mark = new NpgsqlCommand(
                $"""
                update public.{table} set deleted_at = $4, updated_at = now()
                where org_id = $1 and source_system = $2 and connection_id = $3 and deleted_at is null and external_id = any($5)
                """, connection);
            mark.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId, at,
                SqlParameters.Typed(missing.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
            marked = await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        missing.Clear();
        back.Clear();
        return marked;
    }
}
