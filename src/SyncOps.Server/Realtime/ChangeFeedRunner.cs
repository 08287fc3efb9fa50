using Npgsql;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Starts the <see cref="ChangeFeed"/> the first time a channel binds to postgres changes, keeps it running (reconnecting
/// after a database restart, with a pause) and stops it with the server. A join waits until the replication slot exists,
/// so every change committed after the join's reply is delivered.
/// </summary>
internal sealed partial class ChangeFeedRunner(
    NpgsqlDataSource dataSource, RealtimeTypes types, IHostApplicationLifetime lifetime, ILogger<ChangeFeedRunner> logger) : IDisposable
{
    private static readonly TimeSpan s_reconnectDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource? _ready;

    /// <summary>Null once changes flow; else why they cannot (for the join's error reply).</summary>
    public async Task<string?> EnsureStartedAsync(Func<IReadOnlyList<RowChange>, Task> onCommit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready is null)
            {
                if (await WalLevelAsync(cancellationToken) is var level && level != "logical")
                {
                    return $"postgres_changes needs wal_level = logical on the database server (it is {level})";
                }

                await ChangeFeed.EnsurePublicationAsync(dataSource, cancellationToken);
                _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = RunAsync(onCommit, _ready, lifetime.ApplicationStopping);
            }
        }
        finally
        {
            _gate.Release();
        }

        await _ready.Task.WaitAsync(cancellationToken);
        return null;
    }

    private async Task RunAsync(Func<IReadOnlyList<RowChange>, Task> onCommit, TaskCompletionSource ready, CancellationToken stopping)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Pooling = false }.ConnectionString;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await new ChangeFeed(connectionString, types).RunAsync(onCommit, () => ready.TrySetResult(), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFeedFailed(logger, e);
                await Task.Delay(s_reconnectDelay, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> WalLevelAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select current_setting('wal_level')");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "realtime: the change feed stopped; reconnecting")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception);
}
