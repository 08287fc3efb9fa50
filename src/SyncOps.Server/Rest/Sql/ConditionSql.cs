using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;

namespace SyncOps.Server.Rest.Sql;

/// <summary>Renders filters to SQL: columns from the catalog, operators from a fixed table, values as parameters.</summary>
internal static class ConditionSql
{
    public static string Where(
        IReadOnlyList<Condition> conditions, string alias, string relation, Func<string, ColumnInfo?> find, SqlParameters parameters) =>
        conditions.Count == 0 ? "true" : string.Join(" and ", conditions.Select(c => Render(c, alias, relation, find, parameters)));

    public static string Column(string alias, string relation, Func<string, ColumnInfo?> find, string name) =>
        alias + "." + SqlText.Quote(Resolve(relation, find, name).Name);

    public static ColumnInfo Resolve(string relation, Func<string, ColumnInfo?> find, string name) =>
        find(name) ?? throw new PostgrestException(PostgrestError.UndefinedColumn(relation, name));

    private static string Render(Condition condition, string alias, string relation, Func<string, ColumnInfo?> find, SqlParameters p)
    {
        var sql = condition switch
        {
            LogicGroup group => "(" + string.Join(group.IsOr ? " or " : " and ",
                group.Conditions.Select(c => Render(c, alias, relation, find, p))) + ")",
            Filter filter => RenderFilter(filter, alias, Resolve(relation, find, filter.Column), p),
            _ => throw new InvalidOperationException("unknown condition"),
        };
        return condition.Negated ? $"not {sql}" : sql;
    }

    private static string RenderFilter(Filter f, string alias, ColumnInfo column, SqlParameters p)
    {
        var col = alias + "." + SqlText.Quote(column.Name);
        var type = column.TypeName;
        var sql = f.Operator switch
        {
            FilterOperator.Is => $"{col} is {Operators.IsKeyword(f.Value)}",
            FilterOperator.In => $"{col} = any ({p.Add(SqlParameters.ArrayLiteral(f.List!))}::{type}[])",
            FilterOperator.IsDistinct => $"{col} is distinct from {p.Add(f.Value)}::{type}",
            FilterOperator.Contains => $"{col} @> {p.Add(f.Value)}::{type}",
            FilterOperator.ContainedIn => $"{col} <@ {p.Add(f.Value)}::{type}",
            FilterOperator.Overlaps => $"{col} && {p.Add(f.Value)}::{type}",
            FilterOperator.Like or FilterOperator.Ilike or FilterOperator.Match or FilterOperator.Imatch =>
                Pattern(f, col, p),
            _ => Comparison(f, col, type, p),
        };
        return $"({sql})";
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
