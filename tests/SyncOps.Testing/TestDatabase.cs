using Npgsql;
using SyncOps.Database;
using SyncOps.Embedded;

namespace SyncOps.Testing;

/// <summary>
/// One throw-away PostgreSQL cluster per test run, started through the same <see cref="EmbeddedPostgres"/> the product
/// uses, migrated once. An unreachable or missing server fails the tests; nothing is skipped.
/// Tests isolate themselves by organisation id (<see cref="NewOrgId"/>), not by database.
/// </summary>
public sealed class TestDatabase
{
    private static readonly Lazy<Task<TestDatabase>> s_instance = new(StartAsync);

    private TestDatabase(EmbeddedPostgres cluster, string url, NpgsqlDataSource dataSource)
    {
        Cluster = cluster;
        Url = url;
        DataSource = dataSource;
    }

    public EmbeddedPostgres Cluster { get; }

    /// <summary>The superuser URL of the test cluster's <c>syncops</c> database.</summary>
    public string Url { get; }

    /// <summary>A superuser data source: bypasses row-level security, like a trusted worker.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static Task<TestDatabase> GetAsync() => s_instance.Value;

    public static string NewOrgId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A fresh database in the same cluster (for tests of migration itself).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "empty_" + Guid.NewGuid().ToString("N")[..12];
        await using (var command = DataSource.CreateCommand($"create database {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(Url, "syncops-tests")) { Database = name };
        return builder.ConnectionString;
    }

    private static async Task<TestDatabase> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncops-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new EmbeddedPostgres(directory, durable: false);
        var url = await cluster.StartAsync();
        var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-tests"));
        await new Migrator(dataSource).MigrateAsync();
        await ClusterWatchdog.StopWhenProcessEndsAsync(dataSource, directory);
        return new TestDatabase(cluster, url, dataSource);
    }
}
