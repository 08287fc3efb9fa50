using Npgsql;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// The server's one LISTEN connection (not one per browser): <c>syncops_progress</c> (migration 0030) goes to the
/// <see cref="LiveHub"/>, <c>syncops_jobs</c> (a queued sync, <see cref="Engine.SyncJobs"/>) wakes the workers. A lost
/// connection is reopened with back-off; the hub's snapshot-on-connect covers what was missed meanwhile.
/// </summary>
internal sealed partial class ProgressListener(
    NpgsqlDataSource dataSource, LiveHub hub, WorkerSignal workers, TimeProvider timeProvider, ILogger<ProgressListener> logger)
    : BackgroundService
{
    public const string ProgressChannel = "syncops_progress";
    public const string JobsChannel = "syncops_jobs";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"listen {ProgressChannel}; listen {JobsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                backoff = TimeSpan.FromMilliseconds(500);
                workers.Wake(); // jobs queued while nobody listened
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                LogListenFailed(logger, backoff, e);
                await Task.Delay(backoff, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == JobsChannel)
        {
            workers.Wake();
            return;
        }

        var tab = e.Payload.IndexOf('\t', StringComparison.Ordinal);
        if (tab > 0)
        {
            hub.Notify(e.Payload[..tab], e.Payload[(tab + 1)..]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "live: the LISTEN connection failed; reconnecting in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, TimeSpan backoff, Exception exception);
}
