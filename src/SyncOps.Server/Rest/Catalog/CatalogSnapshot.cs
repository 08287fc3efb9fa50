namespace SyncOps.Server.Rest.Catalog;

/// <summary>One load of the catalog: relations and functions keyed by <c>schema.name</c>, and the foreign keys.</summary>
internal sealed record CatalogSnapshot(
    IReadOnlyDictionary<string, TableInfo> Tables,
    IReadOnlyDictionary<string, List<FunctionInfo>> Functions,
    IReadOnlyList<ForeignKey> ForeignKeys,
    DateTimeOffset LoadedAt)
{
    public static string Key(string schema, string name) => schema + "." + name;

    public TableInfo? FindTable(string schema, string name) => Tables.GetValueOrDefault(Key(schema, name));
}
