using Npgsql;
using SyncOps.Database;
using SyncOps.Embedded;

namespace SyncOps.Bench.Infrastructure;

/// <summary>
/// The database a benchmark run uses: SYNCOPS_DATABASE_URL when set, otherwise a fresh embedded cluster in a temp
/// folder, durable (fsync on) so that write numbers are what a real deployment would see. Stopped and deleted at the end.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _cluster;

    private BenchDatabase(NpgsqlDataSource dataSource, EmbeddedPostgres? cluster)
    {
        DataSource = dataSource;
        _cluster = cluster;
    }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable("SYNCOPS_DATABASE_URL");
        EmbeddedPostgres? cluster = null;
        if (string.IsNullOrEmpty(url))
        {
            cluster = new EmbeddedPostgres(
                Path.Combine(Path.GetTempPath(), "syncops-bench-" + Guid.NewGuid().ToString("N")[..8]), durable: true);
            url = await cluster.StartAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(url, "syncops-bench"))
        {
            // Loading and indexing ten million rows takes longer than Npgsql's default 30 s per command.
            CommandTimeout = 0,
        };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new Migrator(dataSource).MigrateAsync();
        return new BenchDatabase(dataSource, cluster);
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var command = DataSource.CreateCommand("show server_version");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            Directory.Delete(_cluster.DataDirectory, recursive: true);
        }
    }
}
