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
        var table = CanonicalTable.For(entity);
        await using var command = dataSource.CreateCommand(
            $"select external_id, content_hash from public.{table.Name} where org_id = $1 and source_system = $2 and external_id = any($3)");
        command.AddValues(orgId, source, externalIds.ToArray());
        var hashes = new Dictionary<string, byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return hashes;
    }
}
