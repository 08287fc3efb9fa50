using Npgsql;
using SyncOps.Security;

namespace SyncOps.Testing;

/// <summary>Base for tests against the real database: gives each test class the shared cluster and helpers.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected NpgsqlDataSource DataSource => Database.DataSource;

    public async Task InitializeAsync() => Database = await TestDatabase.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected Task<T?> ScalarAsync<T>(string sql, params object[] parameters) => Sql.ScalarAsync<T>(DataSource, sql, parameters);

    protected Task<int> ExecuteAsync(string sql, params object[] parameters) => Sql.ExecuteAsync(DataSource, sql, parameters);

    /// <summary>The first row of a query as the superuser (see <see cref="Sql.RowAsync"/>).</summary>
    protected async Task<Dictionary<string, object?>> RowAsync(string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Sql.RowAsync(connection, sql, parameters) ?? throw new InvalidOperationException("no row: " + sql);
    }

    /// <summary>
    /// Runs <paramref name="work"/> as PostgREST would run a request, through the server's own <see cref="UserSession"/>:
    /// role, JWT claims and statement timeout set in the transaction. Rolled back afterwards unless committed.
    /// </summary>
    protected async Task<T> AsRoleAsync<T>(
        string role, Guid? userId, Func<NpgsqlConnection, Task<T>> work, bool commit = false)
    {
        var claims = userId is null
            ? $$"""{"role":"{{role}}"}"""
            : $$"""{"role":"{{role}}","sub":"{{userId}}","aud":"authenticated"}""";
        // A minute, not Supabase's 8 s: the test machine is shared, and no test here is about the timeout.
        var user = new UserContext(role, claims) { StatementTimeout = TimeSpan.FromMinutes(1) };
        await using var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None);
        var result = await work(session.Connection);
        if (commit)
        {
            await session.CommitAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>Creates an organisation with one user and returns the user's id.</summary>
    protected async Task<Guid> CreateUserAsync(string orgId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync("insert into syncops_auth.users_extended (id, org_id) values ($1, $2)", userId, orgId);
        return userId;
    }
}
