using Npgsql;
using SyncOps.Security;

namespace SyncOps.Server.Dashboard.Users;

/// <summary>
/// Runs the dashboard's queries as the signed-in user through <see cref="UserSession"/>, exactly as the REST API runs
/// its requests (protocol reference §8.1): role, claims and statement timeout set in the transaction, so the same
/// row-level security decides what the page may see and no query holds a backend longer than the timeout.
/// </summary>
internal sealed class UserDatabase(NpgsqlDataSource dataSource, TimeSpan statementTimeout)
{
    public async Task<T> RunAsync<T>(DashboardUser user, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(work);
        var context = new UserContext(user.Identity.Role, user.Identity.ClaimsJson) { StatementTimeout = statementTimeout };
        await using var session = await UserSession.OpenAsync(dataSource, context, cancellationToken);
        var result = await work(session.Connection);
        await session.CommitAsync(cancellationToken);
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
