using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

/// <summary>
/// Runs one request's statement the way PostgREST does (protocol reference §8.1): as the request's user through
/// <see cref="UserSession.ExecuteAsync{T}"/>, READ ONLY for reads, so row-level security decides; the role setup and
/// the statement go in one batch, one round trip, committed or rolled back together. Under <c>.single()</c> the
/// statement itself raises when it did not touch exactly one row (migration 0011), so that write is rolled back (§6.3).
/// A statement text in use again is prepared on the connection (<see cref="PreparedShapes"/>).
/// </summary>
internal sealed partial class RestExecutor(NpgsqlDataSource dataSource, RestOptions options, PreparedShapes shapes)
{
    public Task<StatementResult> ExecuteAsync(
        RequestIdentity identity, bool readOnly, string method, string path, Statement statement,
        CancellationToken cancellationToken)
    {
        if (statement.PlannedCount is not null)
        {
            return ExecuteWithPlannedCountAsync(identity, readOnly, method, path, statement, cancellationToken);
        }

        var user = new UserContext(identity.Role, identity.ClaimsJson)
        {
            StatementTimeout = options.StatementTimeout,
            ReadOnly = readOnly,
            Method = method,
            Path = path,
        };
        var main = new NpgsqlBatchCommand(statement.Sql);
        main.Parameters.AddRange(statement.Parameters.List.ToArray());
        return UserSession.ExecuteAsync(dataSource, user, main, async reader =>
        {
            await reader.ReadAsync(cancellationToken);
            return new StatementResult(
                reader.IsDBNull(0) ? null : reader.GetInt64(0),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetString(2));
        }, cancellationToken, rollback: statement.Rollback, prepare: shapes.ShouldPrepare(statement.Sql));
    }
}
