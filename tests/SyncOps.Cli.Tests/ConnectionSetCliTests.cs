using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops connection set --stale-after</c>: a connection's own allowance before its sync counts as stalled.</summary>
public sealed class ConnectionSetCliTests : DatabaseTest
{
    [Fact]
    public async Task SetStaleAfter_ThenDefault_StoredThenCleared()
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId);

        var set = await SyncOpsCli.RunAsync(Database.Url, "connection", "set", "--org", orgId, "--connection", connection.ToString(), "--stale-after", "2h");
        var stored = await ScalarAsync<TimeSpan>("select stale_after from public.connections where id = $1", connection);
        var reset = await SyncOpsCli.RunAsync(Database.Url, "connection", "set", "--org", orgId, "--connection", connection.ToString(), "--stale-after", "default");

        Assert.True(set.ExitCode == 0, set.StandardError);
        Assert.Equal($"stale after 2h for connection {connection}", Assert.Single(set.OutputLines));
        Assert.Equal(TimeSpan.FromHours(2), stored);
        Assert.True(reset.ExitCode == 0, reset.StandardError);
        Assert.Null(await ScalarAsync<object>("select stale_after from public.connections where id = $1", connection));
    }

    [Theory]
    [InlineData("2 hours", "--stale-after: \"2 hours\" is not a duration")]
    [InlineData("5s", "between 10s and 7d")]
    public async Task SetStaleAfter_BadValue_OneLineAndNonZeroExit(string value, string message)
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId);

        var result = await SyncOpsCli.RunAsync(Database.Url, "connection", "set", "--org", orgId, "--connection", connection.ToString(), "--stale-after", value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Null(await ScalarAsync<object>("select stale_after from public.connections where id = $1", connection));
    }

    [Fact]
    public async Task SetStaleAfter_OtherOrganisationsConnection_Refused()
    {
        var orgId = TestDatabase.NewOrgId();
        var theirs = await AddConnectionAsync(TestDatabase.NewOrgId());

        var result = await SyncOpsCli.RunAsync(Database.Url, "connection", "set", "--org", orgId, "--connection", theirs.ToString(), "--stale-after", "1h");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"syncops: connection {theirs} does not exist in organisation \"{orgId}\"", Assert.Single(result.ErrorLines));
        Assert.Null(await ScalarAsync<object>("select stale_after from public.connections where id = $1", theirs));
    }

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }
}
