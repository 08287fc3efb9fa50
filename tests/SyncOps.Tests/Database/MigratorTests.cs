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
