using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// Why <see cref="SyncOpsServer.ServerConnectionString"/> leaves Npgsql's automatic preparation off (the intermittent
/// 500 on <c>GET /rest/v1/organizations</c>, found with a load test mixing anon and user requests). With auto-prepare,
/// the run that prepares a statement (its <c>AutoPrepareMinUsages</c>-th use) sends Parse+Describe+Bind+Execute; when
/// that Execute fails, the next run of the same SQL on the same connection gets
/// "Received unexpected backend message DataRow" from Npgsql. Over REST that is any statement that fails for one caller
/// (anon lacks the privilege) and succeeds for the next. When this test starts failing, Npgsql has fixed it
/// (npgsql/npgsql#6391): turn auto-prepare on and measure again (docs/benchmarks.md).
/// </summary>
public sealed class AutoPrepareTests : ServerTest
{
    [Fact]
    public void ServerConnectionString_LeavesAutoPrepareOff()
    {
        var builder = new NpgsqlConnectionStringBuilder(SyncOpsServer.ServerConnectionString(Server.DatabaseUrl));
        Assert.Equal(0, builder.MaxAutoPrepare);
    }

    [Fact]
    public async Task AutoPrepare_PreparingRunFailsAsAnon_NextUserRunOfTheSameSqlBreaks()
    {
        await using var dataSource = AutoPreparing();
        var anon = new UserContext("anon", """{"role":"anon"}""");
        var user = new UserContext("authenticated", """{"role":"authenticated"}""");
        // First run: not prepared yet, fails as anon (no privilege on organizations), the connection stays healthy.
        var first = await Assert.ThrowsAsync<PostgresException>(() => CountOrganizationsAsync(dataSource, anon));
        Assert.Equal("42501", first.SqlState);
        // Second run (the preparing one): fails the same way.
        var preparing = await Assert.ThrowsAsync<PostgresException>(() => CountOrganizationsAsync(dataSource, anon));
        Assert.Equal("42501", preparing.SqlState);
        // Third run, as a user who may read the table: Npgsql's record of the prepared statement is wrong.
        var broken = await Assert.ThrowsAnyAsync<Exception>(() => CountOrganizationsAsync(dataSource, user));
        Assert.Contains("unexpected backend message DataRow", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoPrepare_PreparingRunFailsInExecution_NextRunOfTheSameSqlBreaks()
    {
        // Not about roles: any error raised while the preparing run executes (here a division by zero).
        await using var dataSource = AutoPreparing();
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await DivideAsync(connection, 1));
        await Assert.ThrowsAsync<PostgresException>(() => DivideAsync(connection, 0)); // the preparing run
        var broken = await Assert.ThrowsAnyAsync<Exception>(() => DivideAsync(connection, 1));
        Assert.Contains("unexpected backend message DataRow", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAutoPrepare_TheSameSequenceAnswersEveryRun()
    {
        var anon = new UserContext("anon", """{"role":"anon"}""");
        var user = new UserContext("authenticated", """{"role":"authenticated"}""");
        await using var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(SyncOpsServer.ServerConnectionString(Server.DatabaseUrl)) { MaxPoolSize = 1 }.ConnectionString);
        for (var i = 0; i < 3; i++)
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => CountOrganizationsAsync(dataSource, anon));
            Assert.Equal("42501", denied.SqlState);
            Assert.True(await CountOrganizationsAsync(dataSource, user) >= 0);
        }
    }

    /// <summary>One pooled connection, statements prepared on their second use: the failure shows on the third run.</summary>
    private NpgsqlDataSource AutoPreparing() => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(SyncOpsServer.ServerConnectionString(Server.DatabaseUrl))
        {
            MaxPoolSize = 1,
            MaxAutoPrepare = 10,
            AutoPrepareMinUsages = 2,
        }.ConnectionString);

    private static async Task<int> DivideAsync(NpgsqlConnection connection, int divisor)
    {
        await using var command = new NpgsqlCommand("select 1 / $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = divisor });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    // The REST API's shape: role setup and statement in one batch through UserSession.
    private static Task<long> CountOrganizationsAsync(NpgsqlDataSource dataSource, UserContext user) =>
        UserSession.ExecuteAsync(dataSource, user, new NpgsqlBatchCommand("select count(*) from public.organizations"),
            async reader =>
            {
                await reader.ReadAsync();
                return reader.GetInt64(0);
            }, CancellationToken.None);
}
