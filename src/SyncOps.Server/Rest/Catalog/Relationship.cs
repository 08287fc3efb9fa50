namespace SyncOps.Server.Rest.Catalog;

/// <summary>PostgREST's relationship cardinalities (SchemaCache/Relationship.hs).</summary>
internal enum Cardinality
{
    ManyToOne,
    OneToMany,
    OneToOne,
    ManyToMany,
}

/// <summary>The join table of a many-to-many relationship and its two foreign keys (source side, target side).</summary>
internal sealed record Junction(TableInfo Table, ForeignKey ToSource, ForeignKey ToTarget);

/// <summary>
/// A relationship from <see cref="Table"/> (the embedding side) to <see cref="Foreign"/>: <see cref="Columns"/> pairs a
/// column of the table with one of the foreign table (for to-many, the foreign one holds the key).
/// </summary>
internal sealed record Relationship(
    TableInfo Table, TableInfo Foreign, Cardinality Cardinality, string Constraint,
    IReadOnlyList<(string Column, string ForeignColumn)> Columns, Junction? Junction)
{
    public bool IsSelf => Table.Schema == Foreign.Schema && Table.Name == Foreign.Name;

    public bool IsToOne => Cardinality is Cardinality.ManyToOne or Cardinality.OneToOne;

    /// <summary>Every relationship of <paramref name="table"/> that the catalog's foreign keys imply.</summary>
    public static List<Relationship> Of(TableInfo table, CatalogSnapshot catalog)
    {
        var result = new List<Relationship>();
        foreach (var key in catalog.ForeignKeys.Where(k => k.Schema == table.Schema))
        {
            if (key.Table == table.Name && catalog.FindTable(key.Schema, key.ForeignTable) is { } referenced)
            {
                result.Add(new Relationship(table, referenced,
                    table.IsUnique(key.Columns) ? Cardinality.OneToOne : Cardinality.ManyToOne, key.Name,
                    key.Columns.Zip(key.ForeignColumns).ToList(), null));
            }

            if (key.ForeignTable == table.Name && catalog.FindTable(key.Schema, key.Table) is { } referencing)
            {
                result.Add(new Relationship(table, referencing,
                    referencing.IsUnique(key.Columns) ? Cardinality.OneToOne : Cardinality.OneToMany, key.Name,
                    key.ForeignColumns.Zip(key.Columns).ToList(), null));
                AddManyToMany(result, table, referencing, key, catalog);
            }
        }

        return result;
    }

    /// <summary>
    /// A join table qualifies when its two foreign keys' columns are all part of its primary key (PostgREST docs,
    /// "Many-to-many relationships").
    /// </summary>
    private static void AddManyToMany(List<Relationship> result, TableInfo table, TableInfo junction, ForeignKey toSource, CatalogSnapshot catalog)
    {
        var primaryKey = junction.PrimaryKey.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (!toSource.Columns.All(primaryKey.Contains))
        {
            return;
        }

        foreach (var toTarget in catalog.ForeignKeys.Where(k => k.Schema == junction.Schema && k.Table == junction.Name && k != toSource))
        {
            if (toTarget.Columns.All(primaryKey.Contains) && catalog.FindTable(toTarget.Schema, toTarget.ForeignTable) is { } target)
            {
                result.Add(new Relationship(table, target, Cardinality.ManyToMany, toTarget.Name, [],
                    new Junction(junction, toSource, toTarget)));
            }
        }
    }
}
