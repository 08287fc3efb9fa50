using System.Data;
using System.Globalization;
using Npgsql;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

/// <summary>
/// Runs one request's statement the way PostgREST does (protocol reference §8.1): one transaction, READ ONLY for reads,
/// first <c>set_config('role', …, true)</c> and <c>set_config('request.jwt.claims', …, true)</c> so row-level security
/// decides, then the statement. Under <c>.single()</c> a statement that did not touch exactly one row is rolled back
/// and answered with 406 PGRST116 (§6.3). Both statements go in one round trip.
/// </summary>
public sealed class RestExecutor(NpgsqlDataSource dataSource, RestOptions options)
{
    private const string SetupSql =
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
        "set_config('statement_timeout', $3, true), set_config('request.method', $4, true), set_config('request.path', $5, true)";

    public async Task<StatementResult> ExecuteAsync(
        RequestIdentity identity, bool readOnly, string method, string path, Statement statement, bool singular,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (readOnly)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("set transaction read only"));
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
        batch.BatchCommands.Add(setup);
        var main = new NpgsqlBatchCommand(statement.Sql);
        main.Parameters.AddRange(statement.Parameters.List.ToArray());
        batch.BatchCommands.Add(main);

        StatementResult result;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // Skip the setup's result (five columns) to the statement's (three).
            while (reader.FieldCount != 3)
            {
                if (!await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("the statement returned no result");
                }
            }

            await reader.ReadAsync(cancellationToken);
            result = new StatementResult(
                reader.IsDBNull(0) ? null : reader.GetInt64(0),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        if (singular && result.Rows != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new PostgrestException(PostgrestError.NotSingular(result.Rows));
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
