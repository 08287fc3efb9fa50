using SyncOps.Configuration;
using SyncOps.Server.Auth;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Auth;

/// <summary>Where the JWT secret comes from: the settings' SYNCOPS_JWT_SECRET when given, else generated once and stored.</summary>
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
    public async Task Configured_SettingsSecretUsedAndNothingWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "syncops-secret-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new SyncOpsSettings(null, folder) { JwtSecret = new string('s', JwtSecretStore.MinimumLength) };

        var secret = await JwtSecretStore.ResolveAsync(settings, Server.DataSource, CancellationToken.None);

        Assert.Equal(settings.JwtSecret, secret);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Configured_ShortSettingsSecret_RefusedNamingTheVariable()
    {
        var settings = new SyncOpsSettings(null, "/nonexistent") { JwtSecret = "short" };

        var e = await Assert.ThrowsAsync<SyncOpsException>(() =>
            JwtSecretStore.ResolveAsync(settings, Server.DataSource, CancellationToken.None));

        Assert.Equal($"the JWT secret from {SyncOpsSettings.JwtSecretVariable} must be at least 32 characters long", e.Message);
    }

    [Fact]
    public void ShortSecret_Refused()
    {
        var e = Assert.Throws<SyncOpsException>(() => JwtSecretStore.Validate("short", "test"));
        Assert.Contains("at least 32", e.Message);
    }
}
