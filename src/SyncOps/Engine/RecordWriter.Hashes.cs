using Npgsql;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    /// <summary>
    /// The stored content hash of each record that exists, by external id: what a preview compares the source with.
    /// Read here because this type owns the canonical tables' rows.
    /// </summary>
    public async Task<Dictionary<string, byte[]>> ReadHashesAsync(
        string orgId, string source, string entity, IReadOnlyList<string> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await StoredHashesAsync(connection, CanonicalTable.For(entity), orgId, source, externalIds.ToArray(), cancellationToken);
    }

    /// <summary>One indexed read (the primary key) for a whole batch: which records exist and with which hash.</summary>
    private static Task<Dictionary<string, byte[]>> StoredHashesAsync(
        NpgsqlConnection connection, CanonicalTable table, WriteTarget target, IReadOnlyList<CanonicalRecord> records,
        CancellationToken cancellationToken) =>
        StoredHashesAsync(connection, table, target.OrgId, target.SourceSystem, records.Select(r => r.ExternalId).ToArray(), cancellationToken);

    private static async Task<Dictionary<string, byte[]>> StoredHashesAsync(
        NpgsqlConnection connection, CanonicalTable table, string orgId, string source, string[] externalIds, CancellationToken cancellationToken)
    {
        // One primary-key probe per id, whatever the statistics say: with "external_id = any($3)" a table not analysed
        // since a bulk load was read as "every row of the organisation, filtered" (100 ms a batch at 100,000 rows).
        await using var command = new NpgsqlCommand(
            $"""
            select k.id, (select c.content_hash from public.{table.Name} c where c.org_id = $1 and c.source_system = $2 and c.external_id = k.id)
            from unnest($3::text[]) as k(id)
            """, connection);
        command.AddValues(orgId, source, externalIds);
        var hashes = new Dictionary<string, byte[]>(externalIds.Length, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                hashes[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
            }
        }

        return hashes;
    }
}
