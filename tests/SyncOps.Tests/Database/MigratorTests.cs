using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tests.Database;

public sealed class MigratorTests : DatabaseTest
{
    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_BothSucceedAndEachScriptAppliesOnce()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            new Migrator(first).MigrateAsync(), new Migrator(second).MigrateAsync());

        var expected = SqlResources.Migrations().Select(m => m.Name).ToList();
        Assert.Equal(expected, results.SelectMany(r => r).Order(StringComparer.Ordinal).ToList());
        await using var count = first.CreateCommand("select count(*) from public.schema_migrations");
        Assert.Equal((long)expected.Count, (long)(await count.ExecuteScalarAsync())!);
        Assert.True(await new Migrator(first).IsUpToDateAsync());
    }

    [Fact]
    public async Task Migrate_DatabaseMadeByTheFirstAuthMigration_UpgradedIntoSyncopsAuthWithPoliciesIntact()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource).MigrateAsync();
        // Back to the shape the first text of 0001 made (users_extended and org_ids() in auth), with the checksums that
        // databases recorded then.
        await using (var downgrade = dataSource.CreateCommand("""
            alter table syncops_auth.users_extended set schema auth;
            alter function syncops_auth.org_ids() set schema auth;
            """))
        {
            await downgrade.ExecuteNonQueryAsync();
        }

        foreach (var previous in MigrationHistory.All)
        {
            await using var record = dataSource.CreateCommand("update public.schema_migrations set checksum = $2 where name = $1");
            record.Parameters.Add(new NpgsqlParameter { Value = previous.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = previous.Checksum });
            Assert.Equal(1, await record.ExecuteNonQueryAsync());
        }

        Assert.False(await new Migrator(dataSource).IsUpToDateAsync());
        Assert.Empty(await new Migrator(dataSource).MigrateAsync());

        Assert.True(await new Migrator(dataSource).IsUpToDateAsync());
        await using var check = dataSource.CreateCommand("""
            select to_regclass('auth.users_extended') is null and to_regclass('syncops_auth.users_extended') is not null
               and to_regprocedure('syncops_auth.org_ids()') is not null,
                   (select qual from pg_policies where tablename = 'sync_progress' and cmd = 'SELECT')
            """);
        await using var reader = await check.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.Contains("syncops_auth.org_ids()", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AppliedScriptChanged_FailsNamingTheScript()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource).MigrateAsync();
        var (name, _) = SqlResources.Migrations()[1];
        await using (var tamper = dataSource.CreateCommand("update public.schema_migrations set checksum = 'x' where name = $1"))
        {
            tamper.Parameters.Add(new NpgsqlParameter { Value = name });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var error = await Assert.ThrowsAsync<SyncOpsException>(() => new Migrator(dataSource).MigrateAsync());

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.False(await new Migrator(dataSource).IsUpToDateAsync());
    }

    [Fact]
    public async Task Migrate_SecondRun_AppliesNothing()
    {
        Assert.Empty(await new Migrator(DataSource).MigrateAsync());
    }
}
