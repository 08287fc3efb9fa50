using System.Data;
using Npgsql;

namespace SyncOps.Server.Api;

/// <summary>
/// Runs the dashboard's queries as the signed-in user, exactly as <see cref="Rest.RestExecutor"/> runs REST requests
/// (protocol reference §8.1): one transaction that first sets <c>role</c> and <c>request.jwt.claims</c>, so the same
/// row-level security decides what the page may see.
/// </summary>
public sealed class UserDatabase(NpgsqlDataSource dataSource)
{
    private const string SetupSql = "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";

    public async Task<T> RunAsync<T>(DashboardUser user, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var setup = new NpgsqlCommand(SetupSql, connection, transaction))
        {
            setup.Parameters.Add(new NpgsqlParameter { Value = user.Identity.Role });
            setup.Parameters.Add(new NpgsqlParameter { Value = user.Identity.ClaimsJson });
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await work(connection);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>One query's single text value (the dashboard's queries build their JSON in SQL), as the user.</summary>
    public Task<string?> JsonAsync(DashboardUser user, string sql, CancellationToken cancellationToken, params object?[] values) =>
        RunAsync(user, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var value in values)
            {
                command.Parameters.Add(value is NpgsqlParameter p ? p : new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }, cancellationToken);

    /// <summary>The organisations the user belongs to, as RLS sees them (<c>syncops_auth.org_ids()</c>).</summary>
    public Task<string[]> OrgIdsAsync(DashboardUser user, CancellationToken cancellationToken) =>
        RunAsync(user, async connection =>
        {
            await using var command = new NpgsqlCommand("select coalesce(syncops_auth.org_ids()::text[], '{}')", connection);
            return (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
}
