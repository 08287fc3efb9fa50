namespace SyncOps.Server.Rest.Catalog;

/// <summary>A foreign key between two exposed relations: <see cref="Columns"/> of the table reference the foreign table's.</summary>
internal sealed record ForeignKey(
    string Name, string Schema, string Table, IReadOnlyList<string> Columns, string ForeignTable, IReadOnlyList<string> ForeignColumns);
