using System.Data;
using System.Globalization;
using Npgsql;

namespace SyncOps.Security;

/// <summary>
/// The one way SyncOps acts as a user (the REST API, the dashboard and the tests): a transaction whose first statement
/// sets <c>role</c>, <c>request.jwt.claims</c>, <c>statement_timeout</c> and <c>transaction_read_only</c> (and, for a
/// REST request, <c>request.method</c> and <c>request.path</c>), each local to the transaction (<c>set_config(…,
/// true)</c>), so row-level security decides and nothing outlives the transaction on the pooled connection.
/// <see cref="OpenAsync"/> hands out a transaction for several statements; <see cref="ExecuteAsync{T}"/> sends the
/// setup and one statement in one batch, one round trip.
/// </summary>
public sealed class UserSession : IAsyncDisposable
{
    private const string SetupSql =
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
        "set_config('statement_timeout', $3, true), set_config('transaction_read_only', $4, true)";

    private const string SetupWithRequestSql =
        SetupSql + ", set_config('request.method', $5, true), set_config('request.path', $6, true)";

    private readonly NpgsqlTransaction _transaction;

    private UserSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        _transaction = transaction;
    }

    /// <summary>The connection, inside the user's transaction: commands on it run as the user.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Opens a connection and a transaction acting as <paramref name="user"/>. Disposing without <see cref="CommitAsync"/> rolls back.</summary>
    public static async Task<UserSession> OpenAsync(
        NpgsqlDataSource dataSource, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await ActAsAsync(connection, user, cancellationToken);
            return new UserSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes the transaction already open on <paramref name="connection"/> act as <paramref name="user"/> from here on,
    /// for work that must first run as the connection's own role in the same transaction (a test creating a probe
    /// table, then reading it as a member). The settings are local to that transaction: outside one they would end
    /// with the statement.
    /// </summary>
    public static async Task ActAsAsync(NpgsqlConnection connection, UserContext user, CancellationToken cancellationToken)
    {
        await using var setup = new NpgsqlCommand(null, connection);
        Fill(setup.Parameters, user, out var sql);
        setup.CommandText = sql;
        await setup.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="statement"/> as <paramref name="user"/> in one round trip: the setup and the statement go in
    /// one batch, which PostgreSQL runs as one implicit transaction (one Sync), committed when both succeed and rolled
    /// back entirely when either fails. <paramref name="read"/> gets the statement's result set. With
    /// <paramref name="prepare"/> the batch's statements are prepared on the connection first (a round trip only where
    /// that connection has not prepared them yet), so that PostgreSQL neither parses nor plans them again.
    /// </summary>
    public static async Task<T> ExecuteAsync<T>(
        NpgsqlDataSource dataSource, UserContext user, NpgsqlBatchCommand statement,
        Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken, bool rollback = false, bool prepare = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (rollback)
        {
            // PostgREST's Prefer: tx=rollback: an explicit transaction, ended by the rollback after the statement.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
        }

        var setup = new NpgsqlBatchCommand();
        Fill(setup.Parameters, user, out var sql);
        setup.CommandText = sql;
        batch.BatchCommands.Add(setup);
        batch.BatchCommands.Add(statement);
        if (rollback)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("rollback"));
        }

        if (prepare)
        {
            await batch.PrepareAsync(cancellationToken);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the setup's row, to the statement's
        var result = await read(reader);
        // Reading to the end consumes the Sync: only then is the implicit transaction committed, or an error raised.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return result;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private static void Fill(NpgsqlParameterCollection parameters, UserContext user, out string sql)
    {
        ArgumentNullException.ThrowIfNull(user);
        parameters.Add(new NpgsqlParameter { Value = user.Role });
        parameters.Add(new NpgsqlParameter { Value = user.ClaimsJson });
        parameters.Add(new NpgsqlParameter
        {
            Value = ((long)user.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        });
        parameters.Add(new NpgsqlParameter { Value = user.ReadOnly ? "on" : "off" });
        if (user.Method is null && user.Path is null)
        {
            sql = SetupSql;
            return;
        }

        parameters.Add(new NpgsqlParameter { Value = user.Method ?? "" });
        parameters.Add(new NpgsqlParameter { Value = user.Path ?? "" });
        sql = SetupWithRequestSql;
    }
}
