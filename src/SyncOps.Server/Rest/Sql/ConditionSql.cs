using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Query;

namespace SyncOps.Server.Rest.Sql;

/// <summary>Renders filters to SQL: columns from the catalog, operators from a fixed table, values as parameters.</summary>
internal static class ConditionSql
{
    /// <param name="embeds">The embeds at this level by key, with the SQL of their value, for <c>embed=is.null</c>.</param>
    public static string Where(
        IReadOnlyList<Condition> conditions, string alias, Resource resource, SqlParameters parameters,
        IReadOnlyDictionary<string, string>? embeds = null) =>
        conditions.Count == 0 ? "true"
            : string.Join(" and ", conditions.Select(c => Render(c, alias, resource, parameters, embeds)));

    /// <summary>A column, or a JSON path into it (<c>-&gt;</c> keeps the column's json type, <c>-&gt;&gt;</c> gives text).</summary>
    public static (string Sql, string Type) Field(string alias, Resource resource, Field field, SqlParameters p)
    {
        var column = resource.Resolve(field.Column);
        // A computed field is its function applied to the row (PostgREST docs, "Computed fields").
        var sql = column.Function is { } function ? $"{function}({alias})" : alias + "." + SqlText.Quote(column.Name);
        var type = column.TypeName;
        foreach (var step in field.Path)
        {
            // An index is digits only (checked by JsonStep), so it can be written into the SQL; keys are parameters.
            var key = step.IsIndex ? step.Key : p.Add(step.Key);
            sql = $"({sql} {(step.AsText ? "->>" : "->")} {key})";
            type = step.AsText ? "text" : type;
        }

        return (sql, type);
    }

    private static string Render(
        Condition condition, string alias, Resource resource, SqlParameters p, IReadOnlyDictionary<string, string>? embeds)
    {
        var sql = condition switch
        {
            LogicGroup group => "(" + string.Join(group.IsOr ? " or " : " and ",
                group.Conditions.Select(c => Render(c, alias, resource, p, embeds))) + ")",
            Filter { Column.Path.Count: 0 } filter when embeds?.GetValueOrDefault(filter.Column.Column) is { } embed =>
                EmbedNull(filter, embed),
            Filter filter => RenderFilter(filter, Field(alias, resource, filter.Column, p), p),
            _ => throw new InvalidOperationException("unknown condition"),
        };
        return condition.Negated ? $"not {sql}" : sql;
    }

    /// <summary><c>embed=is.null</c> / <c>embed=not.is.null</c>: parents without / with a match (Plan.hs addNullEmbedFilters).</summary>
    private static string EmbedNull(Filter f, string embed) =>
        f.Operator == FilterOperator.Is && Operators.IsKeyword(f.Value) == "null"
            ? $"({embed} is null)"
            : throw new PostgrestException(RestErrors.UnacceptableEmbedFilter(f.Column.Column));

    private static string RenderFilter(Filter f, (string Sql, string Type) field, SqlParameters p)
    {
        var (col, type) = field;
        var sql = f.Operator switch
        {
            FilterOperator.Is => $"{col} is {Operators.IsKeyword(f.Value)}",
            FilterOperator.In => $"{col} = any ({p.Add(SqlParameters.ArrayLiteral(f.List!))}::{type}[])",
            FilterOperator.IsDistinct => $"{col} is distinct from {p.Add(f.Value)}::{type}",
            FilterOperator.Contains => $"{col} @> {p.Add(f.Value)}::{type}",
            FilterOperator.ContainedIn => $"{col} <@ {p.Add(f.Value)}::{type}",
            FilterOperator.Overlaps => $"{col} && {p.Add(f.Value)}::{type}",
            FilterOperator.StrictlyLeft => $"{col} << {p.Add(f.Value)}::{type}",
            FilterOperator.StrictlyRight => $"{col} >> {p.Add(f.Value)}::{type}",
            FilterOperator.NotExtendRight => $"{col} &< {p.Add(f.Value)}::{type}",
            FilterOperator.NotExtendLeft => $"{col} &> {p.Add(f.Value)}::{type}",
            FilterOperator.Adjacent => $"{col} -|- {p.Add(f.Value)}::{type}",
            FilterOperator.FullText or FilterOperator.PlainFullText or FilterOperator.PhraseFullText or FilterOperator.WebFullText =>
                FullText(f, col, type, p),
            FilterOperator.Like or FilterOperator.Ilike or FilterOperator.Match or FilterOperator.Imatch =>
                Pattern(f, col, p),
            _ => Comparison(f, col, type, p),
        };
        return $"({sql})";
    }

    /// <summary>
    /// <c>fts</c> to_tsquery, <c>plfts</c> plainto_, <c>phfts</c> phraseto_, <c>wfts</c> websearch_to_tsquery, with the
    /// language as a regconfig when given. A column that is not a tsvector goes through to_tsvector, as PostgREST ≥ 11
    /// does for text and json columns (QueryBuilder/SqlFragment.hs <c>pgFmtFtsOperator</c>).
    /// </summary>
    private static string FullText(Filter f, string col, string type, SqlParameters p)
    {
        var function = f.Operator switch
        {
            FilterOperator.FullText => "to_tsquery",
            FilterOperator.PlainFullText => "plainto_tsquery",
            FilterOperator.PhraseFullText => "phraseto_tsquery",
            _ => "websearch_to_tsquery",
        };
        var language = f.Language is null ? "" : p.Add(f.Language) + "::regconfig, ";
        var vector = type == "tsvector" ? col : $"to_tsvector({language}{col})";
        return $"{vector} @@ {function}({language}{p.Add(f.Value)})";
    }

    private static string Comparison(Filter f, string col, string type, SqlParameters p)
    {
        var op = f.Operator switch
        {
            FilterOperator.Eq => "=",
            FilterOperator.Neq => "<>",
            FilterOperator.Gt => ">",
            FilterOperator.Gte => ">=",
            FilterOperator.Lt => "<",
            _ => "<=",
        };
        return f.Quantifier switch
        {
            Quantifier.Any => $"{col} {op} any ({p.Add(f.Value)}::{type}[])",
            Quantifier.All => $"{col} {op} all ({p.Add(f.Value)}::{type}[])",
            _ => $"{col} {op} {p.Add(f.Value)}::{type}",
        };
    }

    /// <summary>like/ilike turn <c>*</c> into <c>%</c> as PostgREST does; patterns compare the column as text.</summary>
    private static string Pattern(Filter f, string col, SqlParameters p)
    {
        var op = f.Operator switch
        {
            FilterOperator.Like => "like",
            FilterOperator.Ilike => "ilike",
            FilterOperator.Match => "~",
            _ => "~*",
        };
        var value = f.Operator is FilterOperator.Like or FilterOperator.Ilike ? f.Value.Replace('*', '%') : f.Value;
        return f.Quantifier switch
        {
            Quantifier.Any => $"{col}::text {op} any ({p.Add(value)}::text[])",
            Quantifier.All => $"{col}::text {op} all ({p.Add(value)}::text[])",
            _ => $"{col}::text {op} {p.Add(value)}",
        };
    }
}
