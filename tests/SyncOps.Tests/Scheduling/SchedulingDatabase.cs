using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tests.Scheduling;

/// <summary>
/// A database of its own per scheduler test class, in the shared test cluster. The scheduler claims every due schedule
/// of every organisation, as it must in production, so these tests cannot share a database with each other or with
/// tests that run in parallel; each test starts from empty schedule and job tables (<see cref="ResetAsync"/>).
/// </summary>
public sealed class SchedulingDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var shared = await TestDatabase.GetAsync();
        ConnectionString = await shared.CreateEmptyDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await new Migrator(DataSource).MigrateAsync();
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    public async Task ResetAsync()
    {
        await using var command = DataSource.CreateCommand("truncate public.sync_schedules, public.sync_jobs cascade");
        await command.ExecuteNonQueryAsync();
    }
}
