using Npgsql;

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
    /// Runs <paramref name="work"/> in a transaction as PostgREST would for a request: role switched with
    /// set_config('role', ...) and the JWT claims in request.jwt.claims. Rolled back afterwards unless committed.
    /// </summary>
    protected async Task<T> AsRoleAsync<T>(
        string role, Guid? userId, Func<NpgsqlConnection, Task<T>> work, bool commit = false)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claims = userId is null
            ? $$"""{"role":"{{role}}"}"""
            : $$"""{"role":"{{role}}","sub":"{{userId}}","aud":"authenticated"}""";
        await using (var setup = new NpgsqlCommand(
            "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", connection))
        {
            setup.Parameters.Add(new NpgsqlParameter { Value = role });
            setup.Parameters.Add(new NpgsqlParameter { Value = claims });
            await setup.ExecuteNonQueryAsync();
        }

        var result = await work(connection);
        if (commit)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    /// <summary>Creates an organisation with one user and returns the user's id.</summary>
    protected async Task<Guid> CreateUserAsync(string orgId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync("insert into auth.users_extended (id, org_id) values ($1, $2)", userId, orgId);
        return userId;
    }
}
