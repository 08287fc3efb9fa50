using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

namespace SyncOps.Server.Rest.Sql;

/// <summary>RPC: a function call shaped as PostgREST shapes its result (protocol reference §6.1).</summary>
internal static partial class StatementBuilder
{
    // Function results embed nothing (yet): their select resolves against no relationships.
    private static readonly CatalogSnapshot s_noCatalog =
        new(new Dictionary<string, TableInfo>(), new Dictionary<string, List<FunctionInfo>>(), [], DateTimeOffset.MinValue);

    public static Statement Call(
        FunctionInfo function, IReadOnlyList<(FunctionParameter Parameter, string? Value)> arguments,
        ParsedQuery query, long maxRows, bool single, bool count, bool stripNulls = false)
    {
        var p = new SqlParameters();
        // An unnamed parameter (a function taking the body whole) is passed by position.
        var call = $"{function.QualifiedName}(" + string.Join(", ", arguments.Select(a =>
            (a.Parameter.Name.Length == 0 ? "" : SqlText.Quote(a.Parameter.Name) + " => ") + $"{p.Add(a.Value)}::{a.Parameter.TypeName}")) + ")";
        switch (function.Shape)
        {
            case ResultShape.Void:
                return new Statement($"select null::bigint, 1::bigint, null::text from (select {call}) _t", p);
            case ResultShape.Scalar:
                return new Statement($"select null::bigint, 1::bigint, to_json({call})::text", p);
            case ResultShape.Row:
                return new Statement($"select null::bigint, {RowCount(single)}, {Body(true, stripNulls)} from {call} _t", p);
            case ResultShape.Scalars:
                return new Statement(
                    $"select null::bigint, {RowCount(single)}, {(single ? "(json_agg(_t.v) -> 0)::text" : "coalesce(json_agg(_t.v), '[]')::text")} from (select v from {call} _t(v){Page(query, maxRows)}) _t", p);
            default:
                var resource = new Resource(function.Name, name => function.ResultColumns.FirstOrDefault(c => c.Name == name), null);
                var select = new SelectSql(s_noCatalog, query.Embeds, p);
                var rendered = select.Render(resource, "_t", query.Select, [""]);
                var where = ConditionSql.Where(query.Conditions, "_t", resource, p);
                var order = select.OrderBy(query.Order, "_t", resource);
                select.CheckAllOptionsUsed();
                var inner = $"select {rendered.List} from {call} _t where {where}{rendered.GroupBy}{order}{Page(query, maxRows)}";
                var total = count ? $"(select count(*) from {call} _t where {where})" : "null::bigint";
                return new Statement($"select {total}, {RowCount(single)}, {Body(single, stripNulls)} from ({inner}) _t", p);
        }
    }
}
