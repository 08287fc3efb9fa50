using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary>
/// A command that is understood but fails (bad configuration, unreachable database, something that does not exist)
/// says why in one line on stderr and exits 1; --verbose adds the stack trace after that line.
/// </summary>
public sealed class FailureTests : DatabaseTest
{
    [Fact]
    public async Task MalformedDatabaseUrl_OneLineNamingTheVariable()
    {
        var result = await SyncOpsCli.RunAsync("Host=localhost;;this is not=a connection string", "status", "--org", "org-x");

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("syncops: SYNCOPS_DATABASE_URL is not a postgres://", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedDatabaseUrl_Verbose_SameLineThenTheStackTrace()
    {
        var result = await SyncOpsCli.RunAsync("postgres://u@localhost/db?sslmode=sometimes", "keys", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("syncops: SYNCOPS_DATABASE_URL is not a postgres://", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(result.ErrorLines, line => line.StartsWith("at SyncOps.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachableDatabase_OneLineWithTheCause()
    {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        var result = await SyncOpsCli.RunAsync("postgres://syncops@127.0.0.1:1/syncops", "report", "trends", "--org", "org-x");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("syncops: database unreachable: Failed to connect to 127.0.0.1:1 (Connection refused)", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("connection 9b2f1c4e-0000-4000-8000-0000000000aa does not exist", "connection", "test", "--connection", "9b2f1c4e-0000-4000-8000-0000000000aa")]
    [InlineData("connection 9b2f1c4e-0000-4000-8000-0000000000aa does not exist", "sync", "run", "--org", "{org}", "--connection", "9b2f1c4e-0000-4000-8000-0000000000aa", "--entity", "order")]
    [InlineData("has expired or does not exist", "sync", "apply", "--org", "{org}", "--cache-key", "preview:nothing-here")]
    [InlineData("sync-nowhere", "sync", "cancel", "--org", "{org}", "--sync-id", "sync-nowhere")]
    public async Task NotFound_OneLine_ExitCode1(string expected, params string[] arguments)
    {
        var orgId = TestDatabase.NewOrgId();
        await CreateUserAsync(orgId);

        var result = await SyncOpsCli.RunAsync(Database.Url, arguments.Select(a => a.Replace("{org}", orgId, StringComparison.Ordinal)).ToArray());

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("syncops: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownOrganisation_SaysSo()
    {
        var orgId = TestDatabase.NewOrgId();

        var result = await SyncOpsCli.RunAsync(Database.Url, "status", "--org", orgId);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"syncops: organisation \"{orgId}\" does not exist (syncops user add --org {orgId} creates it)", Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutput);
    }
}
