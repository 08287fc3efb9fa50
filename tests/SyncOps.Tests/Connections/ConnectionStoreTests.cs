using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Connections;

/// <summary>Connections: secrets encrypted at rest, readable only by the engine, rows isolated per organisation.</summary>
public sealed class ConnectionStoreTests : EngineTest
{
    private ConnectionStore Store => Services.GetRequiredService<ConnectionStore>();

    [Fact]
    public async Task Add_StoresSecretsEncryptedAndReadsThemBack()
    {
        var added = await Store.AddAsync(new NewConnection(OrgId, "woocommerce", "https://shop.example.com/", new ConnectionSecrets("ck_live_123", "cs_live_456")));

        var stored = await ScalarAsync<byte[]>("select secret_ciphertext from public.connections where id = $1", added.Id);
        Assert.DoesNotContain("cs_live_456", Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
        Assert.DoesNotContain("ck_live_123", Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
        Assert.Equal(new ConnectionSecrets("ck_live_123", "cs_live_456"), await Store.GetSecretsAsync(added));
        Assert.Equal("https://shop.example.com", added.BaseUrl);
    }

    [Theory]
    [InlineData("odoo", "xmlrpc")]
    [InlineData("woocommerce", "json2")]
    public async Task Add_ProtocolThatIsNotAnOdooOne_RefusedNamingTheChoices(string source, string protocol)
    {
        var refused = await Assert.ThrowsAsync<SyncOpsException>(() => Store.AddAsync(new NewConnection(OrgId, source, "https://erp.example.com",
            new ConnectionSecrets("ck", "key"), DatabaseName: "db", Login: "bot", OdooProtocol: protocol)));

        Assert.Equal($"protocol \"{protocol}\" is not one of an Odoo connection's: jsonrpc (Odoo 14-18) or json2 (Odoo 19+)", refused.Message);
        Assert.Equal(0, await CountAsync("connections"));
    }

    [Fact]
    public async Task Add_ForcedOdooProtocol_StoredAndReadBack()
    {
        var added = await Store.AddAsync(new NewConnection(OrgId, "odoo", "https://erp.example.com", new ConnectionSecrets(null, "key"),
            DatabaseName: "db", Login: "bot", OdooProtocol: "json2"));

        Assert.Equal("json2", added.OdooProtocol);
        Assert.Equal("json2", (await Store.GetAsync(added.Id, OrgId)).OdooProtocol);
    }

    [Fact]
    public async Task GetSecrets_WithAnotherKey_RefusedNotGarbage()
    {
        var added = await Store.AddAsync(new NewConnection(OrgId, "odoo", "https://erp.example.com", new ConnectionSecrets(null, "apikey"), DatabaseName: "db", Login: "bot"));
        var otherKey = new ConnectionStore(DataSource, new SecretProtector(new byte[32]));

        var refused = await Assert.ThrowsAsync<SyncOpsException>(() => otherKey.GetSecretsAsync(added));

        Assert.Contains(SecretProtector.KeyVariable, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_AsMemberOfAnotherOrganisation_SeesNothing_AndMembersCannotReadCiphertext()
    {
        await Store.AddAsync(new NewConnection(OrgId, "woocommerce", "https://shop.example.com", new ConnectionSecrets("ck", "cs")));
        var member = await CreateUserAsync(OrgId);
        var stranger = await CreateUserAsync(TestDatabase.NewOrgId());

        var seenByStranger = await AsRoleAsync("authenticated", stranger, async c =>
        {
            await using var command = new NpgsqlCommand("select count(*) from public.connections", c);
            return (long)(await command.ExecuteScalarAsync())!;
        });
        var seenByMember = await AsRoleAsync("authenticated", member, async c =>
        {
            await using var command = new NpgsqlCommand("select count(*) from public.connections", c);
            return (long)(await command.ExecuteScalarAsync())!;
        });
        var ciphertext = await Assert.ThrowsAsync<PostgresException>(() => AsRoleAsync("authenticated", member, async c =>
        {
            await using var command = new NpgsqlCommand("select secret_ciphertext from public.connections", c);
            return await command.ExecuteScalarAsync();
        }));

        Assert.Equal((0L, 1L), (seenByStranger, seenByMember));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ciphertext.SqlState);
    }

    [Fact]
    public async Task SecretProtector_FromDataFolder_CreatesKeyFileWithMode600Once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "syncops-key-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var settings = new SyncOpsSettings(null, folder);
            var first = SecretProtector.FromSettings(settings);
            var second = SecretProtector.FromSettings(settings);
            var id = Guid.NewGuid();

            Assert.Equal("secret", second.Unprotect(first.Protect("secret", id), id));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "secret-key")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SecretProtector_FromSettingsKey_UsesThatKeyAndWritesNoKeyFile()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var folder = Path.Combine(Path.GetTempPath(), "syncops-key-" + Guid.NewGuid().ToString("N")[..8]);
        var id = Guid.NewGuid();

        var protector = SecretProtector.FromSettings(new SyncOpsSettings(null, folder) { SecretKey = Convert.ToBase64String(key) });

        Assert.Equal("secret", new SecretProtector(key).Unprotect(protector.Protect("secret", id), id));
        Assert.False(Directory.Exists(folder), "no key file is generated when the settings carry a key");
    }

    [Fact]
    public async Task AddSyncOps_EncryptsWithTheKeyInTheSettings()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var settings = new SyncOpsSettings(null, Path.GetTempPath()) { SecretKey = Convert.ToBase64String(key) };
        await using var services = new ServiceCollection().AddSyncOps(settings, DataSource).BuildServiceProvider();

        var added = await services.GetRequiredService<ConnectionStore>().AddAsync(
            new NewConnection(OrgId, "woocommerce", "https://shop.example.com", new ConnectionSecrets("ck_1", "cs_1")));

        Assert.Same(settings, services.GetRequiredService<SyncOpsSettings>());
        Assert.Equal(new ConnectionSecrets("ck_1", "cs_1"), await new ConnectionStore(DataSource, new SecretProtector(key)).GetSecretsAsync(added));
    }
}
