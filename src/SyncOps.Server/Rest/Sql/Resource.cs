using SyncOps.Server.Rest.Catalog;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Sql;

/// <summary>What a select, filter or order is resolved against: a table or view (which can embed), or a function's rows.</summary>
internal sealed record Resource(string Name, Func<string, ColumnInfo?> Find, TableInfo? Table)
{
    public static Resource Of(TableInfo table) => new(table.Name, table.FindReadable, table);

    public ColumnInfo Resolve(string column) =>
        Find(column) ?? throw new PostgrestException(PostgrestError.UndefinedColumn(Name, column));
}
