using System.Globalization;
using System.Text;
using Npgsql;
using SyncOps.Connectors;

namespace SyncOps.Bench.Engine;

/// <summary>
/// The yardstick: the very rows the engine writes (every simulator customer, fetched and mapped once beforehand,
/// untimed), saved as a COPY text file and streamed into the empty <c>customers</c> table by one plain
/// <c>COPY ... FROM STDIN</c> in one transaction, as <c>psql \copy</c> would. What PostgreSQL itself ingests per minute.
/// </summary>
internal static class PlainCopy
{
    private const string Columns =
        "org_id, source_system, external_id, connection_id, last_sync_id, source_created_at, source_updated_at, content_hash, raw, " +
        "email, first_name, last_name, name, company, phone, city, country";

    /// <summary>Fetches every page (as the source-only phase does) and writes its rows to <paramref name="path"/>.</summary>
    public static async Task<int> PrepareAsync(ISourceConnector connector, int customers, int pageSize, int parallel, string orgId, Guid connectionId, string path)
    {
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var gate = new SemaphoreSlim(1, 1);
        var rows = 0;
        var offsets = Enumerable.Range(0, (customers + pageSize - 1) / pageSize).Select(p => p * pageSize);
        await Parallel.ForEachAsync(offsets, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (offset, ct) =>
        {
            var page = await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, offset, ct);
            var text = new StringBuilder();
            foreach (var record in page.Items.Select(i => i.Record).OfType<CanonicalRecord>())
            {
                Row(text, orgId, connectionId, record);
            }

            await gate.WaitAsync(ct);
            try
            {
                await file.WriteAsync(text, ct);
                rows += page.Items.Count;
            }
            finally
            {
                gate.Release();
            }
        });
        return rows;
    }

    /// <summary>One COPY of the whole file; returns the rows PostgreSQL reports.</summary>
    public static async Task<long> CopyAsync(NpgsqlDataSource dataSource, string path)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        using var input = new StreamReader(path, Encoding.UTF8, false, 1 << 20);
        await using (var copy = await connection.BeginTextImportAsync($"copy public.customers ({Columns}) from stdin"))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await input.ReadAsync(buffer)) > 0)
            {
                await copy.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        await using var count = new NpgsqlCommand("select count(*) from public.customers", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static void Row(StringBuilder text, string orgId, Guid connectionId, CanonicalRecord record)
    {
        text.Append(orgId).Append("\twoocommerce\t");
        Escape(text, record.ExternalId).Append('\t').Append(connectionId).Append("\tbench-copy\t");
        Time(text, record.SourceCreatedAt).Append('\t');
        Time(text, record.SourceUpdatedAt).Append("\t\\\\x").Append(Convert.ToHexString(record.ContentHash)).Append('\t');
        Escape(text, record.RawJson);
        foreach (var field in record.Fields)
        {
            text.Append('\t');
            if (field is null)
            {
                text.Append("\\N");
            }
            else
            {
                Escape(text, field);
            }
        }

        text.Append('\n');
    }

    private static StringBuilder Time(StringBuilder text, DateTimeOffset? value) => value is { } time
        ? text.Append(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF'+00'", CultureInfo.InvariantCulture))
        : text.Append("\\N");

    // COPY's text format: backslash, tab, newline and carriage return are escaped.
    private static StringBuilder Escape(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\t' => text.Append("\\t"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                _ => text.Append(c),
            };
        }

        return text;
    }
}
