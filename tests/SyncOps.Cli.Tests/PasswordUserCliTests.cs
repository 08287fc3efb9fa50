using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops user add --password-stdin</c> and <c>user set-password</c> against the test cluster.</summary>
public sealed class PasswordUserCliTests : DatabaseTest
{
    private static readonly Dictionary<string, string> s_noEnvironment = [];

    [Fact]
    public async Task UserAdd_PasswordFromStdin_StoresABcryptHashAndJoinsTheOrganisation()
    {
        var (orgId, email) = (TestDatabase.NewOrgId(), $"cli-{Guid.NewGuid():N}@example.com");

        var result = await SyncOpsCli.RunWithInputAsync(Database.Url, s_noEnvironment, "s3cret-password\n",
            "user", "add", "--org", orgId, "--email", email, "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.OutputLines[^1]);
        var userId = json.RootElement.GetProperty("id").GetGuid();
        var hash = await ScalarAsync<string>("select encrypted_password from auth.users where id = $1 and email = $2", userId, email);
        Assert.StartsWith("$2", hash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify("s3cret-password", hash));
        Assert.Equal(orgId, await ScalarAsync<string>("select org_id from syncops_auth.users_extended where id = $1", userId));
    }

    [Fact]
    public async Task SetPassword_ExistingUser_NewPasswordVerifies_UnknownUserFailsInOneLine()
    {
        var email = $"cli-{Guid.NewGuid():N}@example.com";
        await SyncOpsCli.RunAsync(Database.Url, "user", "add", "--org", TestDatabase.NewOrgId(), "--email", email);

        var set = await SyncOpsCli.RunWithInputAsync(Database.Url, s_noEnvironment, "another-password\n",
            "user", "set-password", "--email", email, "--password-stdin");
        var unknown = await SyncOpsCli.RunWithInputAsync(Database.Url, s_noEnvironment, "another-password\n",
            "user", "set-password", "--email", "nobody-" + email, "--password-stdin");
        var weak = await SyncOpsCli.RunWithInputAsync(Database.Url, s_noEnvironment, "abc\n",
            "user", "set-password", "--email", email, "--password-stdin");

        Assert.Equal(0, set.ExitCode);
        Assert.True(BCrypt.Net.BCrypt.Verify("another-password",
            await ScalarAsync<string>("select encrypted_password from auth.users where email = $1", email)));
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no user with the e-mail address", unknown.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, weak.ExitCode);
        Assert.Contains("at least 6 characters", weak.StandardError, StringComparison.Ordinal);
    }
}
