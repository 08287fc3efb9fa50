namespace SyncOps.Server.Rest.Catalog;

/// <summary>
/// An exposed relation of an exposed schema: a table with row-level security enabled, or a view (PostgREST exposes
/// both; a view answers with its own privileges and, with <c>security_invoker</c>, the caller's policies).
/// </summary>
internal sealed class TableInfo(
    string schema, string name, IReadOnlyList<ColumnInfo> columns, bool isView, IReadOnlyList<IReadOnlyList<string>> uniqueKeys)
{
    private readonly Dictionary<string, ColumnInfo> _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;

    public bool IsView { get; } = isView;

    /// <summary>Primary key and unique constraints: a foreign key over one of them makes a one-to-one relationship.</summary>
    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; } = uniqueKeys;

    /// <summary>The table, quoted for SQL. The names come from pg_catalog, never from the request.</summary>
    public string QualifiedName => Sql.SqlText.Quote(Schema) + "." + Sql.SqlText.Quote(Name);

    public IEnumerable<ColumnInfo> PrimaryKey => Columns.Where(c => c.IsPrimaryKey);

    public ColumnInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Computed fields by name (functions taking this table's row type), filled when the catalog loads.</summary>
    internal Dictionary<string, ColumnInfo> Computed { get; } = new(StringComparer.Ordinal);

    /// <summary>A stored column, else a computed field: what select, filters and order may name.</summary>
    public ColumnInfo? FindReadable(string name) => Find(name) ?? Computed.GetValueOrDefault(name);

    public bool IsUnique(IReadOnlyList<string> columns) =>
        UniqueKeys.Any(k => k.Count == columns.Count && k.All(columns.Contains));
}
