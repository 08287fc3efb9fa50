using System.Globalization;
using Npgsql;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

/// <summary>
/// Runs one request's statement the way PostgREST does (protocol reference §8.1): one transaction, READ ONLY for reads,
/// first <c>set_config('role', …, true)</c> and <c>set_config('request.jwt.claims', …, true)</c> so row-level security
/// decides, then the statement. Both go in one batch, which PostgreSQL runs as one implicit transaction (one Sync): one
/// round trip, committed when both succeed, rolled back entirely when either fails. Under <c>.single()</c> the
/// statement itself raises when it did not touch exactly one row (migration 0011), so that write is rolled back (§6.3).
/// </summary>
public sealed class RestExecutor(NpgsqlDataSource dataSource, RestOptions options)
{
    private const string SetupSql =
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
        "set_config('statement_timeout', $3, true), set_config('request.method', $4, true), " +
        "set_config('request.path', $5, true), set_config('transaction_read_only', $6, true)";

    public async Task<StatementResult> ExecuteAsync(
        RequestIdentity identity, bool readOnly, string method, string path, Statement statement,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (statement.Rollback)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("begin")); // tx=rollback: explicit, ended by the rollback below
        }

        var setup = new NpgsqlBatchCommand(SetupSql);
        setup.Parameters.Add(new NpgsqlParameter { Value = identity.Role });
        setup.Parameters.Add(new NpgsqlParameter { Value = identity.ClaimsJson });
        setup.Parameters.Add(new NpgsqlParameter
        {
            Value = ((long)options.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        });
        setup.Parameters.Add(new NpgsqlParameter { Value = method });
        setup.Parameters.Add(new NpgsqlParameter { Value = path });
        setup.Parameters.Add(new NpgsqlParameter { Value = readOnly ? "on" : "off" });
        batch.BatchCommands.Add(setup);
        var main = new NpgsqlBatchCommand(statement.Sql);
        main.Parameters.AddRange(statement.Parameters.List.ToArray());
        batch.BatchCommands.Add(main);
        if (statement.Rollback)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("rollback"));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the setup's row, to the statement's
        await reader.ReadAsync(cancellationToken);
        var result = new StatementResult(
            reader.IsDBNull(0) ? null : reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
        // Reading to the end consumes the Sync: only then is the implicit transaction committed, or an error raised.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return result;
    }
}
