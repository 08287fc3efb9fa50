using SyncOps.Engine;

namespace SyncOps.Server.Workers;

/// <summary>
/// Runs queued syncs under <c>serve</c>: <see cref="WorkerOptions.Count"/> loops each calling
/// <see cref="SyncWorker.RunOnceAsync"/>; an empty queue waits for a NOTIFY (or the poll interval), a failure is logged
/// and backed off, and the loop never dies.
/// </summary>
internal sealed partial class SyncWorkerService(
    SyncWorker worker, WorkerSignal signal, WorkerOptions options, TimeProvider timeProvider, ILogger<SyncWorkerService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Count).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await worker.RunOnceAsync(stoppingToken))
                {
                    await signal.WaitAsync(options.PollInterval, stoppingToken);
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive anything a job throws; it is logged and backed off
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, backoff, e);
                try
                {
                    await Task.Delay(backoff, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "sync worker failed; retrying in {Backoff}")]
    private static partial void LogWorkerFailed(ILogger logger, TimeSpan backoff, Exception exception);
}
