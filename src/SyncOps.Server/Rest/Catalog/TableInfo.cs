namespace SyncOps.Server.Rest.Catalog;

/// <summary>An exposed table: a table of schema public with row-level security enabled.</summary>
public sealed class TableInfo(string name, IReadOnlyList<ColumnInfo> columns)
{
    private readonly Dictionary<string, ColumnInfo> _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public string Name { get; } = name;

    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;

    /// <summary>The table, quoted for SQL. The name comes from pg_catalog, never from the request.</summary>
    public string QualifiedName => "public." + Sql.SqlText.Quote(Name);

    public IEnumerable<ColumnInfo> PrimaryKey => Columns.Where(c => c.IsPrimaryKey);

    public ColumnInfo? Find(string name) => _byName.GetValueOrDefault(name);
}
