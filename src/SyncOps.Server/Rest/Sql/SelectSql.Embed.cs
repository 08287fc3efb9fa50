using System.Globalization;
using System.Text;
using SyncOps.Server.Rest.Query;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Sql;

internal sealed partial class SelectSql
{
    private void RenderEmbed(
        Resource parent, string alias, EmbedItem embed, IReadOnlyList<string> paths, List<Output> outputs, StringBuilder joins,
        Dictionary<string, RenderedEmbed> embeds)
    {
        var origin = parent.Table ?? throw new PostgrestException(
            RestErrors.NoRelationship(parent.Name, embed.Relation, embed.Hint, "public", null));
        var relationship = RelationshipFinder.Find(origin, embed, catalog);
        if (embed.Spread && !relationship.IsToOne)
        {
            throw new PostgrestException(RestErrors.SpreadNotToOne(origin.Name, embed.Relation));
        }

        var n = NextNumber();
        var (child, join) = ("_c" + n, "_j" + n);
        var childPaths = paths.SelectMany(path => new[] { embed.Relation, embed.Alias }.OfType<string>()
            .Select(name => path.Length == 0 ? name : path + "." + name)).Distinct(StringComparer.Ordinal).ToList();
        _paths.UnionWith(childPaths);
        var given = childPaths.Select(options.GetValueOrDefault).OfType<EmbedOptions>().ToList();
        var resource = Resource.Of(relationship.Foreign);
        // A spread of plain fields is written field by field, so that the parent can group by them and aggregate them:
        // PostgREST applies a spread's aggregates at the parent's level (AggregateFunctionsSpec, "spreaded fields").
        var spreadFields = embed.Spread && embed.Items.Count > 0 && embed.Items.All(i => i is FieldItem { Field.Column: not "*" })
            ? embed.Items.Cast<FieldItem>().ToList() : null;
        var rendered = Render(resource, child,
            spreadFields?.Select(f => f with { Alias = f.OutputName, Aggregate = null, AggregateCast = null }).ToList() ?? embed.Items, childPaths);

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

        conditions.AddRange(given.Select(o => ConditionSql.Where(o.Conditions, child, resource, p, rendered.Values)));
        var order = OrderBy(given.SelectMany(o => o.Order).ToList(), child, resource, rendered);
        var limit = given.Select(o => o.Limit).FirstOrDefault(l => l is not null);
        var offset = given.Select(o => o.Offset).FirstOrDefault(o => o > 0);
        var inner = $"select {rendered.List} from {from}{rendered.Joins} where {string.Join(" and ", conditions)}{rendered.GroupBy}{order}" +
                    (limit is { } l ? " limit " + l.ToString(CultureInfo.InvariantCulture) : "") +
                    (offset > 0 ? " offset " + offset.ToString(CultureInfo.InvariantCulture) : "");
        var kind = embed.Join == EmbedJoin.Inner ? " inner" : " left";
        if (embed.Spread)
        {
            joins.Append($"{kind} join lateral ({inner}) {join} on true");
            if (spreadFields is not null)
            {
                outputs.AddRange(spreadFields.Select(f => (f, Sql: join + "." + SqlText.Quote(f.OutputName))).Select(x => x.f.Aggregate is { } aggregate
                    ? new Output(Cast($"{aggregate}({x.Sql})", x.f.AggregateCast), x.f.OutputName, true)
                    : new Output(x.Sql, x.f.OutputName, false)));
            }
            else if (embed.Items.Count > 0)
            {
                outputs.Add(new Output(join + ".*", null, false));
            }

            embeds[embed.OutputName] = new RenderedEmbed(join, relationship, Spread: true);
            return;
        }

        string value;
        if (relationship.IsToOne)
        {
            joins.Append($"{kind} join lateral (select row_to_json(_s) as v from ({inner}) _s) {join} on true");
            value = join + ".v";
        }
        else
        {
            // Without a match json_agg gives one null row: "[]" for a left embed; with having, no row, so !inner drops the parent.
            var having = embed.Join == EmbedJoin.Inner ? " having count(*) > 0" : "";
            joins.Append($"{kind} join lateral (select json_agg(_s) as v from ({inner}) _s{having}) {join} on true");
            value = $"coalesce({join}.v, '[]')";
        }

        // relation() embeds only to filter: no key in the output (url grammar, "Empty embed").
        if (embed.Items.Count > 0)
        {
            outputs.Add(new Output(value, embed.OutputName, false, Json: true));
        }

        embeds[embed.OutputName] = new RenderedEmbed(join + ".v", relationship);
    }
}
