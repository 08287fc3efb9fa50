using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tests.Alerts;

/// <summary>
/// A database of its own per alert test class, in the shared test cluster: the evaluator looks at every organisation's
/// rules and takes one advisory lock for all of them, as it must in production, so these tests cannot share a database
/// with tests running in parallel. Each test starts from empty alert, sync and schedule tables.
/// </summary>
public sealed class AlertsDatabase : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var shared = await TestDatabase.GetAsync();
        DataSource = NpgsqlDataSource.Create(await shared.CreateEmptyDatabaseAsync());
        await new Migrator(DataSource).MigrateAsync();
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    public async Task ResetAsync()
    {
        await using var command = DataSource.CreateCommand(
            "truncate public.alert_deliveries, public.alert_incidents, public.alert_rules, public.alert_channels, public.sync_progress, public.sync_schedules, public.sync_jobs cascade");
        await command.ExecuteNonQueryAsync();
    }
}
