using SyncOps.Configuration;
using SyncOps.Server.Auth;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Auth;

/// <summary>Where the JWT secret comes from when SYNCOPS_JWT_SECRET is not set (the test run does not set it).</summary>
public sealed class JwtSecretStoreTests : ServerTest
{
    [Fact]
    public async Task Embedded_GeneratesOnceIntoDataFolderWithMode600()
    {
        var folder = Path.Combine(Path.GetTempPath(), "syncops-secret-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var settings = new SyncOpsSettings(null, folder);
            var first = await JwtSecretStore.ResolveAsync(settings, Server.DataSource, CancellationToken.None);
            var second = await JwtSecretStore.ResolveAsync(settings, Server.DataSource, CancellationToken.None);
            Assert.Equal(first, second);
            Assert.True(first.Length >= JwtSecretStore.MinimumLength);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "jwt-secret")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ExternalDatabase_AllServersReadTheSameSecretFromTheOwnerOnlyTable()
    {
        var settings = new SyncOpsSettings("postgres://unused", "/nonexistent");
        var secrets = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            JwtSecretStore.ResolveAsync(settings, Server.DataSource, CancellationToken.None)));
        Assert.Single(secrets.Distinct());
        var anonCanRead = await ScalarAsync<bool>("select has_table_privilege('anon', 'syncops_private.server_secrets', 'select')");
        var serviceCanRead = await ScalarAsync<bool>("select has_table_privilege('service_role', 'syncops_private.server_secrets', 'select')");
        Assert.False(anonCanRead);
        Assert.False(serviceCanRead);
    }

    [Fact]
    public void ShortSecret_Refused()
    {
        var e = Assert.Throws<SyncOpsException>(() => JwtSecretStore.Validate("short", "test"));
        Assert.Contains("at least 32", e.Message);
    }
}
