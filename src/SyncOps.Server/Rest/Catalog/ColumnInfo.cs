namespace SyncOps.Server.Rest.Catalog;

/// <summary>A column as pg_catalog describes it; <see cref="TypeName"/> (no typmod) is what filter values are cast to.</summary>
public sealed record ColumnInfo(string Name, string TypeName, bool IsPrimaryKey);
