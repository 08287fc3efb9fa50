using Npgsql;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Security;
using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Dashboard.Tests.Users;

/// <summary>The dashboard's queries run as the user with a statement timeout, like the REST API's (they had none before).</summary>
[Collection(DashboardTests.Name)]
public sealed class UserDatabaseTests(DashboardFixture fixture)
{
    [Fact]
    public async Task ServersUserDatabase_RunsAsTheUserWithTheDefaultTimeout()
    {
        var (_, userId, token) = await fixture.NewUserAsync();
        var user = await SignedInAsync(token);

        var settings = await fixture.Service<UserDatabase>().JsonAsync(user,
            "select concat_ws(' ', current_user, auth.uid(), current_setting('statement_timeout'))", CancellationToken.None);

        Assert.Equal($"authenticated {userId} {(int)UserContext.DefaultStatementTimeout.TotalSeconds}s", settings);
    }

    [Fact]
    public async Task QueryBeyondTheTimeout_CancelledWith57014()
    {
        var (_, _, token) = await fixture.NewUserAsync();
        var user = await SignedInAsync(token);
        var database = new UserDatabase(fixture.DataSource, TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            database.JsonAsync(user, "select pg_sleep(10)::text", CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.QueryCanceled, error.SqlState);
    }

    private async Task<DashboardUser> SignedInAsync(string token) =>
        await fixture.Service<DashboardAuth>().AuthenticateTokenAsync("Bearer " + token)
        ?? throw new InvalidOperationException("the fixture's token did not sign in");
}
