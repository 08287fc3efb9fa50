using Npgsql;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Embedded;

namespace SyncOps.Tests.Embedded;

/// <summary>The embedded cluster's life cycle, in its own temporary data folder (not the shared test cluster).</summary>
public sealed class EmbeddedPostgresTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "syncops-embedded-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedPostgres _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(_directory, durable: false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task LifeCycle_StartTwiceStopStart_ReusesClusterAndReportsStatusAndUrl()
    {
        var before = await _cluster.GetStatusAsync();
        var url = await _cluster.StartAsync();
        var pgVersion = Path.Combine(_directory, "pgdata", "PG_VERSION");
        var initialisedAt = File.GetLastWriteTimeUtc(pgVersion);

        var again = await _cluster.StartAsync();
        var running = await _cluster.GetStatusAsync();
        var runningUrl = await _cluster.GetUrlAsync();
        var identity = await ScalarAsync(url,
            "select current_database() || ' ' || (select rolsuper from pg_roles where rolname = current_user)::text");
        var stopped = await _cluster.StopAsync();
        var afterStop = await _cluster.GetStatusAsync();
        var urlWhileStopped = await _cluster.GetUrlAsync();
        var stoppedAgain = await _cluster.StopAsync();
        var restarted = await _cluster.StartAsync();

        Assert.False(before.Initialized);
        Assert.False(before.Running);
        Assert.Equal(url, again);
        Assert.True(running.Running);
        Assert.Equal(url, runningUrl);
        Assert.Equal("syncops true", identity);
        Assert.Equal(new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(url)).Port, running.Port);
        Assert.True(stopped);
        Assert.True(afterStop.Initialized);
        Assert.False(afterStop.Running);
        Assert.False(stoppedAgain);
        Assert.Null(urlWhileStopped);
        Assert.Equal(initialisedAt, File.GetLastWriteTimeUtc(pgVersion));
        Assert.Equal("1", await ScalarAsync(restarted, "select 1::text"));
    }

    private static async Task<string?> ScalarAsync(string url, string sql)
    {
        // Unpooled: the cluster stops between the queries of this test.
        var connectionString = new NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(url)) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
