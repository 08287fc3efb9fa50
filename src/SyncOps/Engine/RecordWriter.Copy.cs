using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;

namespace SyncOps.Engine;

public sealed partial class RecordWriter
{
    private static readonly ConcurrentDictionary<string, string> s_copySql = new();

    /// <summary>
    /// Whether every mapped field converts exactly to its column's binary form here. Fields are validated text; a
    /// numeric with an exponent or more digits than <see cref="decimal"/> holds, or any other doubt, goes through the
    /// upsert instead, where PostgreSQL casts the text as it always did.
    /// </summary>
    private static bool CanCopy(CanonicalTable table, CanonicalRecord record)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (record.Fields[i] is { } value && !TryConvert(table.Columns[i].SqlType, value, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryConvert(string sqlType, string value, out object? converted)
    {
        switch (sqlType)
        {
            case "text":
                converted = value;
                return true;
            case "numeric" when value.Length <= 27 && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number):
                converted = number;
                return true;
            case "integer" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                converted = integer;
                return true;
            default:
                converted = null;
                return false;
        }
    }

    /// <summary>
    /// Records the hash read showed to be new, in through one binary <c>COPY</c>: no conflict check and no per-row
    /// statement, the cheapest way PostgreSQL takes rows. The payload is parsed into jsonb once, by the server.
    /// </summary>
    private static async Task<int> CopyAsync(
        NpgsqlConnection connection, CanonicalTable table, WriteTarget target, IReadOnlyList<CanonicalRecord> records,
        CancellationToken cancellationToken)
    {
        var sql = s_copySql.GetOrAdd(table.Name, _ =>
            $"""
            copy public.{table.Name} (org_id, source_system, external_id, connection_id, last_sync_id, source_created_at,
                source_updated_at, content_hash, raw, {string.Join(", ", table.Columns.Select(c => c.Column))}) from stdin (format binary)
            """);
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var record in records)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(target.OrgId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(target.SourceSystem, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(record.ExternalId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(target.ConnectionId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(target.SyncId, NpgsqlDbType.Text, cancellationToken);
            await WriteTimestampAsync(importer, record.SourceCreatedAt, cancellationToken);
            await WriteTimestampAsync(importer, record.SourceUpdatedAt, cancellationToken);
            await importer.WriteAsync(record.ContentHash, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(record.RawUtf8, NpgsqlDbType.Jsonb, cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                _ = TryConvert(table.Columns[i].SqlType, record.Fields[i] ?? "", out var converted);
                var write = (record.Fields[i] is null ? null : converted) switch
                {
                    string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
                    decimal number => importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken),
                    int integer => importer.WriteAsync(integer, NpgsqlDbType.Integer, cancellationToken),
                    _ => importer.WriteNullAsync(cancellationToken),
                };
                await write;
            }
        }

        return (int)await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTimestampAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } time
            ? importer.WriteAsync(time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);
}
