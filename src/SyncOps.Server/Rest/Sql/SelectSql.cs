using System.Globalization;
using System.Text;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// Renders a select tree the way PostgREST's QueryBuilder does: fields with their aliases, casts and JSON paths, and
/// each embed as a lateral subquery on the related table (<c>row_to_json</c> for to-one, <c>json_agg</c> for to-many).
/// The subqueries read the related tables under the caller's role, so row-level security applies inside every embed
/// exactly as at the top. Aliases are generated (<c>_cN</c>, <c>_jN</c>), never taken from the request.
/// </summary>
internal sealed class SelectSql(CatalogSnapshot catalog, IReadOnlyDictionary<string, EmbedOptions> options, SqlParameters p)
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>A rendered level: its select list, its lateral joins, and each embed's value by key (for null filters).</summary>
    internal sealed record Rendered(string List, string Joins, IReadOnlyDictionary<string, string> Embeds);

    public Rendered Render(Resource resource, string alias, IReadOnlyList<SelectItem>? items, IReadOnlyList<string> paths)
    {
        var list = new List<string>();
        var joins = new StringBuilder();
        var embeds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items ?? [new StarItem()])
        {
            switch (item)
            {
                case StarItem:
                    list.Add(alias + ".*");
                    break;
                case FieldItem field:
                    var (sql, _) = ConditionSql.Field(alias, resource, field.Field, p);
                    // The cast is letters, digits and _ only (SelectParser), so it can be written as PostgREST writes it.
                    list.Add((field.Cast is { } cast ? $"({sql})::{cast}" : sql) + " as " + SqlText.Quote(field.OutputName));
                    break;
                case EmbedItem embed:
                    RenderEmbed(resource, alias, embed, paths, list, joins, embeds);
                    break;
            }
        }

        return new Rendered(list.Count == 0 ? "1 as _" : string.Join(", ", list), joins.ToString(), embeds);
    }

    /// <summary>Every embed path a filter, order or page was given for must name an embed of the select (PGRST108).</summary>
    public void CheckAllOptionsUsed()
    {
        foreach (var path in options.Keys)
        {
            var segments = path.Split('.');
            for (var i = 1; i <= segments.Length; i++)
            {
                if (!_paths.Contains(string.Join('.', segments[..i])))
                {
                    throw new PostgrestException(RestErrors.NotEmbedded(segments[i - 1]));
                }
            }
        }
    }

    public string OrderBy(IReadOnlyList<OrderTerm> order, string alias, Resource resource) =>
        order.Count == 0 ? "" : " order by " + string.Join(", ", order.Select(o =>
            ConditionSql.Field(alias, resource, o.Column, p).Sql + (o.Descending ? " desc" : " asc") +
            (o.NullsFirst switch { true => " nulls first", false => " nulls last", null => "" })));

    private void RenderEmbed(
        Resource parent, string alias, EmbedItem embed, IReadOnlyList<string> paths, List<string> list, StringBuilder joins,
        Dictionary<string, string> embeds)
    {
        var origin = parent.Table ?? throw new PostgrestException(
            RestErrors.NoRelationship(parent.Name, embed.Relation, embed.Hint, "public", null));
        var relationship = RelationshipFinder.Find(origin, embed, catalog);
        if (embed.Spread && !relationship.IsToOne)
        {
            throw new PostgrestException(RestErrors.SpreadNotToOne(origin.Name, embed.Relation));
        }

        var n = (++_next).ToString(CultureInfo.InvariantCulture);
        var (child, join) = ("_c" + n, "_j" + n);
        var childPaths = paths.SelectMany(path => new[] { embed.Relation, embed.Alias }.OfType<string>()
            .Select(name => path.Length == 0 ? name : path + "." + name)).Distinct(StringComparer.Ordinal).ToList();
        _paths.UnionWith(childPaths);
        var given = childPaths.Select(options.GetValueOrDefault).OfType<EmbedOptions>().ToList();
        var resource = Resource.Of(relationship.Foreign);
        var rendered = Render(resource, child, embed.Items, childPaths);

        var from = relationship.Foreign.QualifiedName + " " + child;
        var conditions = new List<string>();
        if (relationship.Junction is { } junction)
        {
            var table = "_m" + n;
            from += $" join {junction.Table.QualifiedName} {table} on " + string.Join(" and ",
                junction.ToTarget.Columns.Zip(junction.ToTarget.ForeignColumns, (j, t) => $"{table}.{SqlText.Quote(j)} = {child}.{SqlText.Quote(t)}"));
            conditions.AddRange(junction.ToSource.Columns.Zip(junction.ToSource.ForeignColumns,
                (j, s) => $"{table}.{SqlText.Quote(j)} = {alias}.{SqlText.Quote(s)}"));
        }
        else
        {
            conditions.AddRange(relationship.Columns.Select(c =>
                $"{child}.{SqlText.Quote(c.ForeignColumn)} = {alias}.{SqlText.Quote(c.Column)}"));
        }

        conditions.AddRange(given.Select(o => ConditionSql.Where(o.Conditions, child, resource, p, rendered.Embeds)));
        var order = OrderBy(given.SelectMany(o => o.Order).ToList(), child, resource);
        var limit = given.Select(o => o.Limit).FirstOrDefault(l => l is not null);
        var offset = given.Select(o => o.Offset).FirstOrDefault(o => o > 0);
        var inner = $"select {rendered.List} from {from}{rendered.Joins} where {string.Join(" and ", conditions)}{order}" +
                    (limit is { } l ? " limit " + l.ToString(CultureInfo.InvariantCulture) : "") +
                    (offset > 0 ? " offset " + offset.ToString(CultureInfo.InvariantCulture) : "");
        var kind = embed.Join == EmbedJoin.Inner ? " inner" : " left";
        var key = SqlText.Quote(embed.OutputName);
        if (embed.Spread)
        {
            joins.Append($"{kind} join lateral ({inner}) {join} on true");
            if (embed.Items.Count > 0)
            {
                list.Add(join + ".*");
            }

            return;
        }

        if (relationship.IsToOne)
        {
            joins.Append($"{kind} join lateral (select row_to_json(_s) as v from ({inner}) _s) {join} on true");
            AddValue(list, embed, $"{join}.v as {key}");
        }
        else
        {
            // Without a match json_agg gives one null row: "[]" for a left embed; with having, no row, so !inner drops the parent.
            var having = embed.Join == EmbedJoin.Inner ? " having count(*) > 0" : "";
            joins.Append($"{kind} join lateral (select json_agg(_s) as v from ({inner}) _s{having}) {join} on true");
            AddValue(list, embed, $"coalesce({join}.v, '[]') as {key}");
        }

        embeds[embed.OutputName] = join + ".v";
    }

    /// <summary><c>relation()</c> embeds only to filter: no key in the output (url grammar, "Empty embed").</summary>
    private static void AddValue(List<string> list, EmbedItem embed, string value)
    {
        if (embed.Items.Count > 0)
        {
            list.Add(value);
        }
    }
}
