using System.Globalization;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// Builds PostgREST's statements (protocol reference §8.1 step 5): the rows go through <c>json_agg</c> in the
/// database, so the JSON is PostgreSQL's own rendering of each type, exactly as PostgREST returns it.
/// </summary>
internal static partial class StatementBuilder
{
    public static Statement Read(
        CatalogSnapshot catalog, TableInfo table, ParsedQuery query, long maxRows, Negotiated shape, string? count)
    {
        var p = new SqlParameters();
        var select = new SelectSql(catalog, query.Embeds, p);
        var resource = Resource.Of(table);
        var rendered = select.Render(resource, "_t", query.Select, [""]);
        var where = ConditionSql.Where(query.Conditions, "_t", resource, p, rendered.Values);
        var order = select.OrderBy(query.Order, "_t", resource, rendered);
        select.CheckAllOptionsUsed();
        var from = $"{table.QualifiedName} _t{rendered.Joins}";
        var inner = $"select {rendered.List} from {from} where {where}{rendered.GroupBy}{order}{Page(query, maxRows)}";
        // The count needs the embeds only when they filter (!inner, embed=is.null).
        var countFrom = rendered.Joins.Contains(" inner join", StringComparison.Ordinal) || where.Contains("_j", StringComparison.Ordinal)
            ? from : $"{table.QualifiedName} _t";
        var counted = $"select 1 from {countFrom} where {where}";
        var total = count switch
        {
            "exact" => $"(select count(*) from ({counted}) _n)",
            // Exact up to db-max-rows + 1, so that the planner is asked only above the limit (Query.hs readQuery).
            "estimated" => $"(select count(*) from ({counted} limit {(maxRows + 1).ToString(CultureInfo.InvariantCulture)}) _n)",
            _ => "null::bigint",
        };
        var statement = shape.Csv
            ? new Statement($"with _r as ({inner}) select {total}, count(*), {CsvBody} from _r _t", p)
            : new Statement($"select {total}, {RowCount(shape.Single)}, {Body(shape.Single, shape.StripNulls)} from ({inner}) _t", p);
        return count switch
        {
            "planned" => statement with { PlannedCount = new PlannedCount(counted, null) },
            "estimated" => statement with { PlannedCount = new PlannedCount(counted, maxRows) },
            _ => statement,
        };
    }

    /// <summary>
    /// PostgREST's CSV (QueryBuilder/SqlFragment.hs <c>asCsvF</c>): a header of the keys of the first row, then each
    /// row's record text without its parentheses; no rows give the empty header and a newline.
    /// </summary>
    private const string CsvBody =
        "(select coalesce(string_agg(a.k, ','), '') from (select json_object_keys(row_to_json(_h))::text as k " +
        "from (select * from _r limit 1) _h) a) || chr(10) || " +
        "coalesce(string_agg(substring(_t::text, 2, length(_t::text) - 2), chr(10)), '')";

    public static Statement Insert(
        CatalogSnapshot catalog, TableInfo table, ParsedQuery query, string body, IReadOnlyList<ColumnInfo> columns, Preferences prefs, bool single,
        bool stripNulls = false)
    {
        var p = new SqlParameters();
        var json = p.Add(body);
        var names = string.Join(", ", columns.Select(c => SqlText.Quote(c.Name)));
        var insert = columns.Count == 0
            ? $"insert into {table.QualifiedName} as _t select from json_array_elements({json}::json)"
            : prefs.MissingDefault
                // A key an object lacks takes the column's default (catalog SQL, as PostgREST's missing=default does),
                // evaluated per row, so volatile defaults (gen_random_uuid(), now()) differ between rows.
                ? $"insert into {table.QualifiedName} as _t ({names}) select " + string.Join(", ", columns.Select(c =>
                      $"case when _e.j::jsonb ? {p.Add(c.Name)} then _r.{SqlText.Quote(c.Name)} else {c.Default ?? "null"} end")) +
                  $" from json_array_elements({json}::json) _e(j) cross join lateral json_populate_record(null::{table.QualifiedName}, _e.j) _r"
                : $"insert into {table.QualifiedName} as _t ({names}) select {names} from json_populate_recordset(null::{table.QualifiedName}, {json}::json)";
        insert += prefs.Resolution switch
        {
            "merge-duplicates" when columns.Count > 0 => $" on conflict ({ConflictTarget(table, query)}) do update set " +
                string.Join(", ", columns.Select(c => $"{SqlText.Quote(c.Name)} = excluded.{SqlText.Quote(c.Name)}")),
            "ignore-duplicates" or "merge-duplicates" => $" on conflict ({ConflictTarget(table, query)}) do nothing",
            _ => "",
        };
        return Written(catalog, table, query, insert, prefs, single, p, stripNulls: stripNulls);
    }

    public static Statement Update(
        CatalogSnapshot catalog, TableInfo table, ParsedQuery query, string body, IReadOnlyList<ColumnInfo> columns, Preferences prefs, bool single,
        bool stripNulls = false)
    {
        var p = new SqlParameters();
        var json = p.Add(body);
        var where = ConditionSql.Where(query.Conditions, "_t", Resource.Of(table), p);
        var update = columns.Count == 0
            // An empty payload changes nothing; PostgREST answers as if no row matched.
            ? $"select _t.* from {table.QualifiedName} _t where false"
            : $"update {table.QualifiedName} as _t set " +
              string.Join(", ", columns.Select(c => $"{SqlText.Quote(c.Name)} = _s.{SqlText.Quote(c.Name)}")) +
              $" from (select * from json_populate_record(null::{table.QualifiedName}, {json}::json)) _s where {where}";
        return Written(catalog, table, query, update, prefs, single, p, returning: columns.Count > 0, limitAffected: true, stripNulls: stripNulls);
    }

    public static Statement Delete(
        CatalogSnapshot catalog, TableInfo table, ParsedQuery query, Preferences prefs, bool single, bool stripNulls = false)
    {
        var p = new SqlParameters();
        var where = ConditionSql.Where(query.Conditions, "_t", Resource.Of(table), p);
        return Written(catalog, table, query, $"delete from {table.QualifiedName} as _t where {where}", prefs, single, p,
            limitAffected: true, stripNulls: stripNulls);
    }

    private static Statement Written(
        CatalogSnapshot catalog, TableInfo table, ParsedQuery query, string write, Preferences prefs, bool single, SqlParameters p,
        bool returning = true, bool limitAffected = false, bool stripNulls = false)
    {
        var representation = prefs.Return == "representation";
        // Without a representation PostgREST returns "1", so a write does not also need the rows to pass the SELECT
        // policy (protocol reference §8.4).
        var returningSql = !returning ? "" : representation ? " returning _t.*" : " returning 1";
        var outer = "select 1 from _w";
        if (representation)
        {
            var select = new SelectSql(catalog, query.Embeds, p);
            var rendered = select.Render(Resource.Of(table), "_w", query.Select, [""]);
            select.CheckAllOptionsUsed();
            outer = $"select {rendered.List} from _w{rendered.Joins}";
        }

        // A write's exact count is the number of rows it touched.
        var total = prefs.Count is not null ? "count(*)" : "null::bigint";
        return new Statement(
            $"with _w as ({write}{returningSql}) select {total}, " +
            $"{(limitAffected && prefs is { Strict: true, MaxAffected: { } max } ? MaxAffected.Check(RowCount(single), max) : RowCount(single))}, " +
            $"{(representation ? Body(single, stripNulls) : "null::text")} " +
            $"from ({outer}) _t",
            p);
    }

    /// <summary>Under .single() a row count other than 1 raises PT406 "PGRST116" and rolls the statement back.</summary>
    private static string RowCount(bool single) => single ? "syncops_rest.require_singular(count(*))" : "count(*)";

    /// <summary>The rows as JSON; with nulls=stripped each row without its null keys (json_strip_nulls, as PostgREST).</summary>
    private static string Body(bool single, bool stripNulls = false)
    {
        var row = stripNulls ? "json_strip_nulls(row_to_json(_t))" : "_t";
        return single ? $"(json_agg({row}) -> 0)::text" : $"coalesce(json_agg({row}), '[]')::text";
    }

    private static string Page(ParsedQuery query, long maxRows)
    {
        var limit = Math.Min(query.Limit ?? long.MaxValue, maxRows);
        return (limit == long.MaxValue ? "" : " limit " + limit.ToString(CultureInfo.InvariantCulture)) +
               (query.Offset > 0 ? " offset " + query.Offset.ToString(CultureInfo.InvariantCulture) : "");
    }

    private static string ConflictTarget(TableInfo table, ParsedQuery query)
    {
        var columns = query.OnConflict?.Select(c => Resource.Of(table).Resolve(c)).ToList()
                      ?? [.. table.PrimaryKey];
        return columns.Count > 0
            ? string.Join(", ", columns.Select(c => SqlText.Quote(c.Name)))
            : throw new PostgrestException(PostgrestError.Parse(
                "\"on_conflict is required\"", $"table {table.Name} has no primary key to resolve duplicates on"));
    }
}
