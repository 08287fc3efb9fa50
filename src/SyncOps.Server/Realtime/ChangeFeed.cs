using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Committed row changes from PostgreSQL's logical decoding (the built-in <c>pgoutput</c> plugin), as Supabase Realtime
/// sources them: a publication of every table (<c>syncops_realtime</c>) and a temporary replication slot that lives as
/// long as this connection, so a stopped server leaves no slot holding back the WAL. Each transaction's changes are
/// handed over after its commit, with the commit time; rolled-back writes never appear. Needs <c>wal_level =
/// logical</c> (the embedded cluster sets it; Supabase has it) and a role with REPLICATION.
/// </summary>
internal sealed class ChangeFeed(string connectionString, RealtimeTypes types)
{
    public const string Publication = "syncops_realtime";

    public async Task RunAsync(Func<IReadOnlyList<RowChange>, Task> onCommit, Action onReady, CancellationToken cancellationToken)
    {
        await using var replication = new LogicalReplicationConnection(connectionString);
        await replication.Open(cancellationToken);
        var slot = await replication.CreatePgOutputReplicationSlot(
            "syncops_realtime_" + Guid.NewGuid().ToString("N")[..12], temporarySlot: true,
            slotSnapshotInitMode: LogicalSlotSnapshotInitMode.NoExport, cancellationToken: cancellationToken);
        onReady();
        var pending = new List<RowChange>();
        var committed = DateTime.UnixEpoch;
        var options = new PgOutputReplicationOptions(Publication, PgOutputProtocolVersion.V1);
        await foreach (var message in replication.StartReplication(slot, options, cancellationToken))
        {
            switch (message)
            {
                case BeginMessage begin:
                    pending.Clear();
                    committed = begin.TransactionCommitTimestamp;
                    break;
                case InsertMessage insert:
                    pending.Add(await ReadAsync(insert.Relation, "INSERT", insert.NewRow, committed, cancellationToken));
                    break;
                case UpdateMessage update:
                    pending.Add(await ReadAsync(update.Relation, "UPDATE", update.NewRow, committed, cancellationToken));
                    break;
                case KeyDeleteMessage delete:
                    pending.Add(await ReadAsync(delete.Relation, "DELETE", delete.Key, committed, cancellationToken));
                    break;
                case FullDeleteMessage delete:
                    pending.Add(await ReadAsync(delete.Relation, "DELETE", delete.OldRow, committed, cancellationToken));
                    break;
                case CommitMessage:
                    if (pending.Count > 0)
                    {
                        await onCommit(pending.ToArray());
                        pending.Clear();
                    }

                    break;
            }

            // Realtime delivers at most once: what was handed over need not be decoded again after a restart.
            replication.SetReplicationStatus(message.WalEnd);
        }
    }

    /// <summary>Creates the publication when missing: every table when allowed, else the tables this role owns.</summary>
    public static async Task EnsurePublicationAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var exists = dataSource.CreateCommand("select 1 from pg_catalog.pg_publication where pubname = $1");
        exists.Parameters.Add(new NpgsqlParameter { Value = Publication });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var all = dataSource.CreateCommand($"create publication {Publication} for all tables");
            await all.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not a superuser (e.g. Supabase's postgres role): publish the public tables this role owns.
            await using var owned = dataSource.CreateCommand($"""
                do $$
                declare tables text;
                begin
                    select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables
                    from pg_catalog.pg_tables where schemaname = 'public' and tableowner = current_user;
                    execute format('create publication {Publication} for table %s', tables);
                end
                $$
                """);
            await owned.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateObject)
        {
            // Another server created it at the same moment.
        }
    }

    private async Task<RowChange> ReadAsync(
        RelationMessage relation, string type, ReplicationTuple row, DateTime committed, CancellationToken cancellationToken)
    {
        var columns = new List<ChangeColumn>(relation.Columns.Count);
        var key = new List<KeyValue>();
        var record = type == "DELETE" ? null : new Dictionary<string, string?>(StringComparer.Ordinal);
        var index = 0;
        await foreach (var value in row)
        {
            var column = relation.Columns[index++];
            var typeName = await types.NameAsync(column.DataTypeId, cancellationToken);
            columns.Add(new ChangeColumn(column.ColumnName, typeName.Short));
            var text = value.IsDBNull || value.IsUnchangedToastedValue ? null : await value.Get<string>(cancellationToken);
            if (record is not null && !value.IsUnchangedToastedValue)
            {
                record[column.ColumnName] = text;
            }

            if ((column.Flags & RelationMessage.Column.ColumnFlags.PartOfKey) != 0)
            {
                key.Add(new KeyValue(column.ColumnName, typeName.Full, text));
            }
        }

        return new RowChange(relation.Namespace, relation.RelationName, type, columns, key, record, committed);
    }
}
