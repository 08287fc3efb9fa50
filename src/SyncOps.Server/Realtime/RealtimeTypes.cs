using System.Collections.Concurrent;
using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Type names by OID, cached: the short one (<c>int4</c>, <c>timestamptz</c>) that realtime-js converts values by, and
/// the full one (<c>pg_catalog.format_type</c>) that casts a key value back when the row is read.
/// </summary>
internal sealed class RealtimeTypes(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<uint, (string Short, string Full)> _names = new();

    public async ValueTask<(string Short, string Full)> NameAsync(uint oid, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(oid, out var name))
        {
            return name;
        }

        await using var command = dataSource.CreateCommand(
            "select typname::text, pg_catalog.format_type(oid, null) from pg_catalog.pg_type where oid = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        name = await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : ("text", "text");
        _names[oid] = name;
        return name;
    }
}
