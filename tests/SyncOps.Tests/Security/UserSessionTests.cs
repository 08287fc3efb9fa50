using Npgsql;
using SyncOps.Security;

namespace SyncOps.Tests.Security;

/// <summary>The one way to act as a user: what each of its two forms sets, that timeout and read-only bite, commit and rollback.</summary>
public sealed class UserSessionTests : DatabaseTest
{
    private const string SettingsSql =
        """
        select current_user::text as role, auth.uid()::text as uid, current_setting('statement_timeout') as timeout,
               current_setting('transaction_read_only') as read_only,
               coalesce(current_setting('request.method', true), '') as method,
               coalesce(current_setting('request.path', true), '') as path
        """;

    [Fact]
    public async Task Open_SetsRoleClaimsAndTimeout_RequestEmpty()
    {
        var userId = Guid.NewGuid();
        var user = new UserContext("authenticated", $$"""{"role":"authenticated","sub":"{{userId}}"}""")
        {
            StatementTimeout = TimeSpan.FromMilliseconds(1500),
        };

        await using var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None);
        var row = await Sql.RowAsync(session.Connection, SettingsSql);

        Assert.Equal(new object?[] { "authenticated", userId.ToString(), "1500ms", "off", "", "" }, row!.Values.ToArray());
    }

    [Fact]
    public async Task Execute_ReadOnlyRequest_SetsEverythingInTheBatch()
    {
        var user = new UserContext("anon", """{"role":"anon"}""") { ReadOnly = true, Method = "GET", Path = "/rest/v1/x" };

        var row = await UserSession.ExecuteAsync(DataSource, user, new NpgsqlBatchCommand(SettingsSql), async reader =>
        {
            Assert.True(await reader.ReadAsync());
            return Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "<null>" : reader.GetString(i)).ToArray();
        }, CancellationToken.None);

        Assert.Equal(["anon", "<null>", "8s", "on", "GET", "/rest/v1/x"], row);
    }

    [Fact]
    public async Task Open_StatementBeyondTheTimeout_CancelledWith57014()
    {
        var user = new UserContext("authenticated", """{"role":"authenticated"}""") { StatementTimeout = TimeSpan.FromMilliseconds(50) };

        await using var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None);
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(session.Connection, "select pg_sleep(5)"));

        Assert.Equal(PostgresErrorCodes.QueryCanceled, error.SqlState);
    }

    [Fact]
    public async Task Execute_ReadOnly_WriteRefusedWith25006()
    {
        var orgId = TestDatabase.NewOrgId();
        var user = new UserContext("service_role", """{"role":"service_role"}""") { ReadOnly = true };
        var insert = new NpgsqlBatchCommand("insert into public.organizations (org_id) values ($1)");
        insert.Parameters.Add(new NpgsqlParameter { Value = orgId });

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            UserSession.ExecuteAsync(DataSource, user, insert, _ => Task.FromResult(0), CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.organizations where org_id = $1", orgId));
    }

    [Theory]
    [InlineData(true, 1L)]
    [InlineData(false, 0L)]
    public async Task Dispose_KeepsTheWriteOnlyWhenCommitted(bool commit, long expectedRows)
    {
        var orgId = TestDatabase.NewOrgId();
        var user = new UserContext("service_role", """{"role":"service_role"}""");
        await using (var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None))
        {
            Assert.Equal(1, await Sql.ExecuteAsync(session.Connection, "insert into public.organizations (org_id) values ($1)", orgId));
            if (commit)
            {
                await session.CommitAsync(CancellationToken.None);
            }
        }

        Assert.Equal(expectedRows, await ScalarAsync<long>("select count(*) from public.organizations where org_id = $1", orgId));
    }
}
