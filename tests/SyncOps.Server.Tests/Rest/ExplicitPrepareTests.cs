using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// The REST API prepares repeated statement shapes explicitly (PreparedShapes, UserSession's <c>prepare</c>), on pooled
/// connections that act as a different user in every transaction. These runs use one pooled connection, so every run
/// reuses the statement prepared by the first: a failing run must not spoil it (the bug that keeps automatic
/// preparation off, AutoPrepareTests), row-level security must follow the role of each run, and a schema change must
/// reach the prepared statement.
/// </summary>
public sealed class ExplicitPrepareTests : ServerTest
{
    [Fact]
    public async Task Prepared_RunFailsAsAnon_NextUserRunOfTheSameSqlAnswers()
    {
        await using var dataSource = OneConnection();
        var anon = new UserContext("anon", """{"role":"anon"}""");
        var user = new UserContext("authenticated", """{"role":"authenticated"}""");
        const string sql = "select count(*) from public.organizations";
        for (var i = 0; i < 3; i++)
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsUserAsync<long>(dataSource, anon, sql));
            Assert.Equal("42501", denied.SqlState);
            Assert.True(await ScalarAsUserAsync<long>(dataSource, user, sql) >= 0);
        }

        Assert.Equal(1L, await PreparedCountAsync(dataSource, sql));
    }

    [Fact]
    public async Task Prepared_RunFailsInExecution_NextRunAnswers()
    {
        await using var dataSource = OneConnection();
        var user = new UserContext("authenticated", """{"role":"authenticated"}""");
        const string sql = "select (1 / (select count(*) from public.organizations where false))::bigint";
        const string fine = "select (1 / (select count(*) + 1 from public.organizations where false))::bigint";
        for (var i = 0; i < 3; i++)
        {
            var division = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsUserAsync<long>(dataSource, user, sql));
            Assert.Equal("22012", division.SqlState);
            Assert.Equal(1L, await ScalarAsUserAsync<long>(dataSource, user, fine));
        }

        Assert.Equal(1L, await PreparedCountAsync(dataSource, sql));
    }

    [Fact]
    public async Task Prepared_AlternatingUsers_EachSeesOnlyTheirOrganisationsRows()
    {
        var (orgA, orgB) = (NewOrgId(), NewOrgId());
        var (userA, _) = await CreateUserAsync(orgA);
        var (userB, _) = await CreateUserAsync(orgB);
        await InsertSyncAsync(orgA, "a-1");
        await InsertSyncAsync(orgA, "a-2");
        await InsertSyncAsync(orgB, "b-1");
        await using var dataSource = OneConnection();
        const string sql = "select string_agg(sync_id, ',' order by sync_id) from public.sync_progress";
        // More runs than PostgreSQL's five custom plans, so a generic plan is cached too: it must still follow the role.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("a-1,a-2", await ScalarAsUserAsync<string>(dataSource, As(userA), sql));
            Assert.Equal("b-1", await ScalarAsUserAsync<string>(dataSource, As(userB), sql));
        }

        Assert.Equal(1L, await PreparedCountAsync(dataSource, sql));
    }

    [Fact]
    public async Task Prepared_ColumnAddedAfterwards_NextRunReturnsIt()
    {
        var table = "prepare_probe_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"create table public.{table} (id int); insert into public.{table} values (1); " +
                           $"grant select on public.{table} to authenticated");
        try
        {
            await using var dataSource = OneConnection();
            var user = new UserContext("authenticated", """{"role":"authenticated"}""");
            var sql = $"select json_agg(t)::text from public.{table} t";
            Assert.Equal("""[{"id":1}]""", await ScalarAsUserAsync<string>(dataSource, user, sql));
            await ExecuteAsync($"alter table public.{table} add column label text default 'x'");
            Assert.Equal("""[{"id":1,"label":"x"}]""", await ScalarAsUserAsync<string>(dataSource, user, sql));
        }
        finally
        {
            await ExecuteAsync($"drop table public.{table}");
        }
    }

    [Fact]
    public async Task Prepared_WithRollback_AnswersEveryRunAndKeepsNothing()
    {
        var orgId = NewOrgId();
        var (userId, _) = await CreateUserAsync(orgId);
        await using var dataSource = OneConnection();
        const string sql = "insert into public.sync_progress (org_id, sync_id, entity_type, total_items) " +
                           "select org_id, 'rolled-back', 'customer', 1 from syncops_auth.users_extended where id = auth.uid() returning 1";
        for (var i = 0; i < 3; i++)
        {
            // Prefer: tx=rollback's batch: begin, setup, statement, rollback, all prepared from the first run on.
            var inserted = await UserSession.ExecuteAsync(dataSource, As(userId), new NpgsqlBatchCommand(sql), async reader =>
            {
                await reader.ReadAsync();
                return reader.GetInt32(0);
            }, CancellationToken.None, rollback: true, prepare: true);
            Assert.Equal(1, inserted);
        }

        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", orgId));
        Assert.Equal(1L, await PreparedCountAsync(dataSource, sql));
    }

    private static UserContext As(Guid userId) =>
        new("authenticated", $$"""{"sub":"{{userId}}","role":"authenticated","aud":"authenticated"}""");

    /// <summary>One pooled connection: every run lands on the connection that prepared the statement.</summary>
    private NpgsqlDataSource OneConnection() => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(SyncOpsServer.ServerConnectionString(Server.DatabaseUrl)) { MaxPoolSize = 1 }.ConnectionString);

    private static Task<T> ScalarAsUserAsync<T>(NpgsqlDataSource dataSource, UserContext user, string sql) =>
        UserSession.ExecuteAsync(dataSource, user, new NpgsqlBatchCommand(sql), async reader =>
        {
            await reader.ReadAsync();
            return reader.GetFieldValue<T>(0);
        }, CancellationToken.None, prepare: true);

    /// <summary>How many statements with this text the (one) connection holds prepared.</summary>
    private static async Task<long> PreparedCountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await Sql.ScalarAsync<long>(connection, "select count(*) from pg_prepared_statements where statement = $1", sql);
    }
}
