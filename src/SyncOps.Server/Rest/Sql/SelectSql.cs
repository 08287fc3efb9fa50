using System.Globalization;
using System.Text;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// Renders a select tree the way PostgREST's QueryBuilder does: fields with their aliases, casts and JSON paths,
/// aggregates grouped by the other fields of their level, and each embed as a lateral subquery on the related table
/// (<c>row_to_json</c> for to-one, <c>json_agg</c> for to-many). The subqueries read the related tables under the
/// caller's role, so row-level security applies inside every embed exactly as at the top. Aliases are generated
/// (<c>_cN</c>, <c>_jN</c>), never taken from the request.
/// </summary>
internal sealed partial class SelectSql(CatalogSnapshot catalog, IReadOnlyDictionary<string, EmbedOptions> options, SqlParameters p)
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>
    /// A rendered level: its select list, its lateral joins, its <c>group by</c> (empty without aggregates), and each
    /// embed by key (its value's SQL, for null filters and related orders).
    /// </summary>
    internal sealed record Rendered(string List, string Joins, IReadOnlyDictionary<string, RenderedEmbed> Embeds, string GroupBy = "")
    {
        /// <summary>The JSON value of each (non-spread) embed, for <c>rel=is.null</c>.</summary>
        public IReadOnlyDictionary<string, string> Values =>
            Embeds.Where(e => !e.Value.Spread).ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// An embed of a level: the relationship it follows and the SQL of its JSON value, or for a spread the alias of its
    /// lateral subquery, whose columns are the parent's.
    /// </summary>
    internal sealed record RenderedEmbed(string Value, Relationship Relationship, bool Spread = false);

    /// <summary>One output column before it is written: its SQL, its key, and whether it aggregates.</summary>
    private sealed record Output(string Sql, string? Key, bool Aggregated, bool Json = false);

    public Rendered Render(Resource resource, string alias, IReadOnlyList<SelectItem>? items, IReadOnlyList<string> paths)
    {
        var outputs = new List<Output>();
        var joins = new StringBuilder();
        var embeds = new Dictionary<string, RenderedEmbed>(StringComparer.Ordinal);
        foreach (var item in items ?? [new StarItem()])
        {
            switch (item)
            {
                case StarItem:
                    outputs.Add(new Output(alias + ".*", null, false));
                    break;
                case FieldItem field:
                    outputs.Add(RenderField(alias, resource, field));
                    break;
                case EmbedItem embed:
                    RenderEmbed(resource, alias, embed, paths, outputs, joins, embeds);
                    break;
            }
        }

        var aggregated = outputs.Any(o => o.Aggregated);
        // PostgREST groups by every non-aggregated field of the level (QueryBuilder.hs groupF); a JSON embed value has
        // no equality operator, so it is grouped by its text and written back as JSON from that text.
        var groups = aggregated ? outputs.Where(o => !o.Aggregated).Select(o => o.Json ? $"({o.Sql})::text" : o.Sql).ToList() : [];
        var list = outputs.Select(o => (aggregated && o.Json ? $"(({o.Sql})::text)::json" : o.Sql) +
                                       (o.Key is null ? "" : " as " + SqlText.Quote(o.Key))).ToList();
        return new Rendered(list.Count == 0 ? "1 as _" : string.Join(", ", list), joins.ToString(), embeds,
            groups.Count == 0 ? "" : " group by " + string.Join(", ", groups));
    }

    private Output RenderField(string alias, Resource resource, FieldItem field)
    {
        if (field is { Aggregate: "count", Field.Column: "*" })
        {
            return new Output(Cast("count(*)", field.AggregateCast), field.OutputName, true);
        }

        var (sql, _) = ConditionSql.Field(alias, resource, field.Field, p);
        // Casts are letters, digits and _ only (SelectParser), so they can be written as PostgREST writes them.
        sql = Cast(sql, field.Cast);
        return field.Aggregate is { } aggregate
            ? new Output(Cast($"{aggregate}({sql})", field.AggregateCast), field.OutputName, true)
            : new Output(sql, field.OutputName, false);
    }

    private static string Cast(string sql, string? type) => type is null ? sql : $"({sql})::{type}";

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

    /// <summary>
    /// <c>order=</c> of a level; a term on a to-one embed's column (<c>order=channel(slug).desc</c>) orders by that value
    /// of the embed, converted back to the column's type (Plan.hs <c>addRelatedOrders</c>: to-one only, PGRST118).
    /// </summary>
    public string OrderBy(IReadOnlyList<OrderTerm> order, string alias, Resource resource, Rendered? rendered = null) =>
        order.Count == 0 ? "" : " order by " + string.Join(", ", order.Select(o =>
            (o.Relation is null ? ConditionSql.Field(alias, resource, o.Column, p).Sql : RelatedOrder(o, resource, rendered)) +
            (o.Descending ? " desc" : " asc") +
            (o.NullsFirst switch { true => " nulls first", false => " nulls last", null => "" })));

    private string RelatedOrder(OrderTerm term, Resource resource, Rendered? rendered)
    {
        var relation = term.Relation!;
        if (rendered?.Embeds.GetValueOrDefault(relation) is not { } embed)
        {
            throw new PostgrestException(RestErrors.NotEmbedded(relation));
        }

        if (!embed.Relationship.IsToOne)
        {
            throw new PostgrestException(RestErrors.RelatedOrderNotToOne(resource.Name, relation));
        }

        if (embed.Spread)
        {
            return embed.Value + "." + SqlText.Quote(term.Column.OutputName);
        }

        var (_, type) = ConditionSql.Field("_", Resource.Of(embed.Relationship.Foreign), term.Column, p);
        return $"(({embed.Value}) ->> {p.Add(term.Column.OutputName)})::{type}";
    }

    private string NextNumber() => (++_next).ToString(CultureInfo.InvariantCulture);
}
