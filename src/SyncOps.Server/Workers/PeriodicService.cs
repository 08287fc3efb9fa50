namespace SyncOps.Server.Workers;

/// <summary>
/// A loop that calls <see cref="RunOnceAsync"/> every <see cref="Interval"/>: a failure is logged and backed off (up to
/// <see cref="MaxBackOff"/>), and the loop never dies. The work itself is a library call that tests make directly.
/// </summary>
internal abstract partial class PeriodicService(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>The clock the loop waits on; subclasses read time from it too.</summary>
    protected TimeProvider Clock { get; } = timeProvider;

    /// <summary>The longest wait after repeated failures.</summary>
    protected virtual TimeSpan MaxBackOff => TimeSpan.FromMinutes(5);

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>The wait before the next pass; a service woken by events overrides it (after a failure: the whole delay).</summary>
    protected virtual Task WaitAsync(TimeSpan delay, bool failed, CancellationToken cancellationToken) =>
        Task.Delay(delay, Clock, cancellationToken);

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
                delay = TimeSpan.FromTicks(Math.Min(Interval.Ticks << Math.Min(failures, 10), MaxBackOff.Ticks));
                LogFailed(logger, GetType().Name, delay, e);
            }

            try
            {
                await WaitAsync(delay, failures > 0, stoppingToken);
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
