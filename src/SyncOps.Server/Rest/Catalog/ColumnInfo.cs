namespace SyncOps.Server.Rest.Catalog;

/// <summary>
/// A column as pg_catalog describes it; <see cref="TypeName"/> (no typmod) is what filter values are cast to;
/// <see cref="Default"/> the default expression as pg_get_expr prints it (for <c>Prefer: missing=default</c>);
/// </summary>
/// <see cref="Function"/> is set for a computed field: a function taking the table's row type, called on the row.
internal sealed record ColumnInfo(string Name, string TypeName, bool IsPrimaryKey, string? Default = null)
{
    /// <summary>The computed field's function, quoted from the catalog; null for a stored column.</summary>
    public string? Function { get; init; }
}
