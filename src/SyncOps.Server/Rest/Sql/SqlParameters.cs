using Npgsql;
using NpgsqlTypes;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// The values of one statement. Every value from a request is bound as text and cast in SQL to the column's catalog
/// type, which is what PostgREST's untyped literals amount to (protocol reference §4.2).
/// </summary>
internal sealed class SqlParameters
{
    public List<NpgsqlParameter> List { get; } = [];

    /// <summary>Binds a value and returns its placeholder.</summary>
    public string Add(string? value)
    {
        List.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return "$" + List.Count;
    }

    /// <summary>A PostgreSQL array literal of text elements, each quoted, for <c>= any($n::type[])</c>.</summary>
    public static string ArrayLiteral(IEnumerable<string> items) =>
        "{" + string.Join(",", items.Select(i =>
            "\"" + i.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}";
}
