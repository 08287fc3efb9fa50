using System.Text.Json.Nodes;
using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

/// <summary>
/// The two answers that need a second statement after the request's own, both in the user's one transaction (so row-level
/// security applies to them as to the rows): a count from the planner, and the plan itself (<c>.explain()</c>).
/// EXPLAIN is a utility statement: it cannot be nested inside the request's one SELECT, hence a session of two.
/// </summary>
internal sealed partial class RestExecutor
{
    // EXPLAIN ANALYZE counts the rows a filter dropped; under row-level security the policy is such a filter, so these
    // would tell a user how many rows of other organisations a table holds. SyncOps drops them (PostgREST does not).
    private static readonly string[] s_hiddenCounts = ["Rows Removed by Filter", "Rows Removed by Join Filter", "Rows Removed by Index Recheck"];

    private async Task<StatementResult> ExecuteWithPlannedCountAsync(
        RequestIdentity identity, bool readOnly, string method, string path, Statement statement, CancellationToken ct)
    {
        var counted = statement.PlannedCount!;
        await using var session = await UserSession.OpenAsync(dataSource, User(identity, readOnly, method, path), ct);
        StatementResult result;
        await using (var command = Command(session, statement.Sql, statement.Parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            result = new StatementResult(
                reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        if (counted.Above is not { } above || result.Total > above)
        {
            await using var explain = Command(session, "explain (format json) " + counted.Sql, statement.Parameters);
            var plan = JsonNode.Parse((string)(await explain.ExecuteScalarAsync(ct))!);
            var rows = plan![0]!["Plan"]!["Plan Rows"]!.GetValue<double>();
            var planned = (long)rows;
            result = result with { Total = counted.Above is null ? planned : Math.Max(planned, result.Total ?? 0) };
        }

        if (!statement.Rollback)
        {
            await session.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>
    /// The statement's plan as PostgREST's <c>explainF</c> asks for it, as the user. With <c>analyze</c> the statement
    /// runs; a write's transaction is then rolled back, so a plan never changes data.
    /// </summary>
    internal async Task<string> ExplainAsync(
        RequestIdentity identity, bool readOnly, string method, string path, Statement statement, PlanRequest plan, CancellationToken ct)
    {
        await using var session = await UserSession.OpenAsync(dataSource, User(identity, readOnly, method, path), ct);
        await using var command = Command(session, plan.ExplainPrefix + statement.Sql, statement.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }

        if (plan.Json)
        {
            var node = JsonNode.Parse(string.Join('\n', lines))!;
            RemoveHiddenCounts(node);
            return node.ToJsonString();
        }

        return string.Join('\n', lines.Where(l => !s_hiddenCounts.Any(h => l.Contains(h + ":", StringComparison.Ordinal))));
    }

    private static void RemoveHiddenCounts(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in s_hiddenCounts)
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null)
                    {
                        RemoveHiddenCounts(child);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                {
                    RemoveHiddenCounts(child);
                }

                break;
        }
    }

    private UserContext User(RequestIdentity identity, bool readOnly, string method, string path) =>
        new(identity.Role, identity.ClaimsJson)
        {
            StatementTimeout = options.StatementTimeout,
            ReadOnly = readOnly,
            Method = method,
            Path = path,
        };

    /// <summary>A command on the session with copies of the statement's parameters (a parameter belongs to one command).</summary>
    private static NpgsqlCommand Command(UserSession session, string sql, SqlParameters parameters)
    {
        var command = new NpgsqlCommand(sql, session.Connection);
        command.Parameters.AddRange(parameters.List.Select(p => p.Clone()).ToArray());
        return command;
    }
}
