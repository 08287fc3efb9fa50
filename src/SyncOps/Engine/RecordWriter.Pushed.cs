using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    private static readonly ConcurrentDictionary<string, string> s_pushedSql = new();

    /// <summary>
    /// Applies changes a source pushed (WooCommerce webhooks), in one transaction. Unlike a pull, pushed changes arrive
    /// out of order, so each write is guarded by the source's own clock: a record older than the stored row
    /// (<c>source_updated_at</c>) is ignored, and a deleted row comes back only for a change made after its deletion.
    /// Deletions never remove a row: they stamp <c>deleted_at</c> (a tombstone row when the record was never seen, so
    /// that a late "created" cannot bring it back).
    /// </summary>
    public async Task<PushedWrite> ApplyPushedAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, IReadOnlyList<(string ExternalId, DateTimeOffset DeletedAt)> deletions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(deletions);
        var table = CanonicalTable.For(target.Entity);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Deletions first: an update in the same batch then restores the row only when it is newer than the deletion.
        var deleted = deletions.Count == 0 ? [] : await MarkDeletedAsync(connection, table, target, deletions, cancellationToken);
        // The same record twice in one statement would make ON CONFLICT fail: the newest copy by the source's clock.
        var newest = records.GroupBy(r => r.ExternalId).Select(g => g.MaxBy(r => r.SourceUpdatedAt)!).ToList();
        var written = newest.Count == 0 ? [] : await UpsertNewerAsync(connection, table, target, newest, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PushedWrite(written, deleted);
    }

    private static async Task<HashSet<string>> UpsertNewerAsync(
        NpgsqlConnection connection, CanonicalTable table, WriteTarget target, IReadOnlyList<CanonicalRecord> records,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PushedUpsertSql(table), connection);
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

        return [.. await command.ReadAllAsync(r => r.GetString(0), cancellationToken)];
    }

    private static async Task<HashSet<string>> MarkDeletedAsync(
        NpgsqlConnection connection, CanonicalTable table, WriteTarget target, IReadOnlyList<(string ExternalId, DateTimeOffset DeletedAt)> deletions,
        CancellationToken cancellationToken)
    {
        // One row per record (the same id twice in one statement would make ON CONFLICT fail): the earliest deletion.
        var unique = deletions.GroupBy(d => d.ExternalId).Select(g => (Id: g.Key, At: g.Min(d => d.DeletedAt))).ToList();
        var ids = unique.Select(d => d.Id).ToList();
        // A deletion payload is only {"id": N} (WC_Webhook::build_payload), which is also what a tombstone keeps.
        var raws = ids.Select(id => $$"""{"id":{{id}}}""").ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            insert into public.{table.Name} as t
                (org_id, source_system, external_id, connection_id, last_sync_id, content_hash, raw, deleted_at)
            select $1, $2, u.external_id, $3, $4, u.content_hash, u.raw::jsonb, u.deleted_at
            from unnest($5::text[], $6::bytea[], $7::text[], $8::timestamptz[]) as u(external_id, content_hash, raw, deleted_at)
            on conflict (org_id, source_system, external_id) do update set
                deleted_at = excluded.deleted_at, last_sync_id = excluded.last_sync_id, updated_at = now()
            where t.deleted_at is null
            returning t.external_id
            """, connection);
        command.AddValues(target.OrgId, target.SourceSystem, target.ConnectionId, target.SyncId, TextArray(ids),
            SqlParameters.Typed(raws.Select(r => SHA256.HashData(Encoding.UTF8.GetBytes(r))).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea),
            TextArray(raws), SqlParameters.Typed(unique.Select(d => d.At).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
        return [.. await command.ReadAllAsync(r => r.GetString(0), cancellationToken)];
    }

    /// <summary>
    /// The engine's upsert (<see cref="UpsertSql"/>: same columns, same parameters) with the guards pushed changes need.
    /// Equal timestamps still write (WooCommerce dates have one-second granularity, so two edits in one second share one).
    /// </summary>
    private static string PushedUpsertSql(CanonicalTable table) => s_pushedSql.GetOrAdd(table.Name, _ =>
    {
        var names = table.Columns.Select(c => c.Column).ToList();
        var fieldAliases = string.Join(", ", names.Select((_, i) => $"f{i}"));
        var fieldParameters = string.Join(", ", names.Select((_, i) => $"${10 + i}::text[]"));
        var casts = string.Join(", ", table.Columns.Select((c, i) => $"u.f{i}::{c.SqlType}"));
        var updates = string.Join(", ", names.Select(n => $"{n} = excluded.{n}"));
        return $"""
            insert into public.{table.Name} as t
                (org_id, source_system, external_id, connection_id, last_sync_id, source_created_at, source_updated_at,
                 content_hash, raw, {string.Join(", ", names)})
            select $1, $2, u.external_id, $3, $4, u.created_at::timestamptz, u.updated_at::timestamptz,
                   u.content_hash, u.raw::jsonb, {casts}
            from unnest($5::text[], $6::text[], $7::text[], $8::bytea[], $9::text[], {fieldParameters})
                as u(external_id, created_at, updated_at, content_hash, raw, {fieldAliases})
            on conflict (org_id, source_system, external_id) do update set
                connection_id = excluded.connection_id, last_sync_id = excluded.last_sync_id,
                source_created_at = excluded.source_created_at, source_updated_at = excluded.source_updated_at,
                content_hash = excluded.content_hash, raw = excluded.raw, {updates}, deleted_at = null, updated_at = now()
            where (t.content_hash <> excluded.content_hash or t.deleted_at is not null)
              and (t.source_updated_at is null or excluded.source_updated_at is null
                   or excluded.source_updated_at >= t.source_updated_at)
              and (t.deleted_at is null or excluded.source_updated_at > t.deleted_at)
            returning t.external_id
            """;
    });
}
