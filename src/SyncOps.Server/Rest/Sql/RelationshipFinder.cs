using System.Text.Json.Nodes;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// Picks the relationship an embed means, by PostgREST's rules (Plan.hs <c>findRel</c>): the target names the foreign
/// table, or (tables only) a foreign key's name or its single column; a hint names a key, a column on either side, or a
/// join table. A self-reference gives children by the table's name and the parent by the key column. None is PGRST200,
/// several PGRST201 with the candidates in details.
/// </summary>
internal static class RelationshipFinder
{
    public static Relationship Find(TableInfo origin, EmbedItem embed, CatalogSnapshot catalog)
    {
        var all = Relationship.Of(origin, catalog);
        var target = embed.Relation;
        var hint = embed.Hint;
        // Direct keys first (by name), join tables after, the order PostgREST lists candidates in (SchemaCache.hs adds
        // many-to-many relationships after the others).
        var found = all.Where(r => Matches(r, target, hint)).OrderBy(r => r.Junction is null ? 0 : 1).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new PostgrestException(RestErrors.NoRelationship(origin.Name, target, hint, origin.Schema,
                Suggest(origin, target, all))),
            _ => throw new PostgrestJsonException(
                RestErrors.AmbiguousRelationship(origin.Name, target, found.Select(HintFor)),
                new JsonArray([.. found.Select(Describe)])),
        };
    }

    private static bool Matches(Relationship r, string target, string? hint)
    {
        if (r.IsSelf && r.Cardinality != Cardinality.ManyToMany)
        {
            return hint is null
                ? (target == r.Foreign.Name && r.Cardinality == Cardinality.OneToMany)
                  || (MatchesColumn(r, target) && r.Cardinality == Cardinality.ManyToOne)
                : target == r.Foreign.Name && r.Cardinality == Cardinality.OneToMany && MatchesForeignColumn(r, hint);
        }

        if (hint is null)
        {
            return target == r.Foreign.Name
                   || (!r.Foreign.IsView && r.Junction is null && (target == r.Constraint || MatchesColumn(r, target)));
        }

        return target == r.Foreign.Name && (r.Junction is { } j
            ? hint == j.Table.Name
            : hint == r.Constraint || MatchesColumn(r, hint) || MatchesForeignColumn(r, hint));
    }

    private static bool MatchesColumn(Relationship r, string name) => r.Columns is [var (column, _)] && column == name;

    private static bool MatchesForeignColumn(Relationship r, string name) => r.Columns is [var (_, foreign)] && foreign == name;

    /// <summary>Error.hs <c>noRelBetweenHint</c> suggests a close name; ours suggests a related table containing the target.</summary>
    private static string? Suggest(TableInfo origin, string target, List<Relationship> all) =>
        all.Select(r => r.Foreign.Name).Distinct(StringComparer.Ordinal)
            .FirstOrDefault(n => n != target && (n.Contains(target, StringComparison.Ordinal) || target.Contains(n, StringComparison.Ordinal)))
            is { } name ? $"Perhaps you meant '{name}' instead of '{target}'." : null;

    private static string HintFor(Relationship r) =>
        $"'{r.Foreign.Name}!{(r.Junction is { } j ? j.Table.Name : r.Constraint)}'";

    /// <summary>Error.hs <c>compressedRel</c>.</summary>
    private static JsonObject Describe(Relationship r)
    {
        static string List(IEnumerable<string> columns) => "(" + string.Join(", ", columns) + ")";
        var (cardinality, relationship) = r.Cardinality switch
        {
            Cardinality.ManyToMany => ("many-to-many",
                $"{r.Junction!.Table.Name} using {r.Junction.ToSource.Name}{List(r.Junction.ToSource.Columns)} and " +
                $"{r.Junction.ToTarget.Name}{List(r.Junction.ToTarget.Columns)}"),
            _ => (r.Cardinality switch
                {
                    Cardinality.ManyToOne => "many-to-one",
                    Cardinality.OneToOne => "one-to-one",
                    _ => "one-to-many",
                },
                $"{r.Constraint} using {r.Table.Name}{List(r.Columns.Select(c => c.Column))} and " +
                $"{r.Foreign.Name}{List(r.Columns.Select(c => c.ForeignColumn))}"),
        };
        return new JsonObject
        {
            ["cardinality"] = cardinality,
            ["embedding"] = $"{r.Table.Name} with {r.Foreign.Name}",
            ["relationship"] = relationship,
        };
    }
}
