namespace SyncOps.Server.Realtime;

/// <summary>A column of a changed table as realtime-js wants it in <c>columns</c>: name and PostgreSQL type name.</summary>
internal sealed record ChangeColumn(string Name, string Type);

/// <summary>A key column's value as text, with its type, to find the row again (<c>where key = $1::type</c>).</summary>
internal sealed record KeyValue(string Column, string Type, string? Value);

/// <summary>
/// One committed row change read from the write-ahead log: INSERT, UPDATE or DELETE on a table. <see cref="Record"/>
/// is the row as that change wrote it (null for a DELETE), each value in PostgreSQL's text form, as Supabase Realtime
/// sends it: realtime-js converts values by <see cref="Columns"/>' types. A TOASTed value the UPDATE left unchanged is
/// not in the log and not in the record.
/// </summary>
internal sealed record RowChange(
    string Schema,
    string Table,
    string Type,
    IReadOnlyList<ChangeColumn> Columns,
    IReadOnlyList<KeyValue> Key,
    IReadOnlyDictionary<string, string?>? Record,
    DateTime CommitTimestamp)
{
    /// <summary>The row's identity within its table, to remember who saw it (see <see cref="RealtimeHub"/>).</summary>
    public string RowKey => Schema + "." + Table + ":" + string.Join('\u001f', Key.Select(k => k.Value));
}
