namespace SyncOps.Server.Workers;

/// <summary>
/// A loop that calls <see cref="RunOnceAsync"/> every <see cref="Interval"/>: a failure is logged and backed off (up to
/// five minutes), and the loop never dies. The work itself is a library call that tests make directly.
/// </summary>
internal abstract partial class PeriodicService(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive anything (the database restarting included); it is logged and backed off
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                delay = TimeSpan.FromTicks(Math.Min(Interval.Ticks << Math.Min(failures, 10), TimeSpan.FromMinutes(5).Ticks));
                LogFailed(logger, GetType().Name, delay, e);
            }

            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, string service, TimeSpan delay, Exception exception);
}
