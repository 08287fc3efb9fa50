using Microsoft.Extensions.Logging;
using Polly;
using SyncOps.Connectors;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// The life of one sync, the same for <see cref="SyncEngine.RunAsync"/> and <see cref="SyncEngine.ApplyAsync"/>: start
/// (its <c>sync_progress</c> row, under the lease the caller holds), watch (<see cref="SyncWatcher"/>: a cancel from
/// outside, heartbeats, the lease), then exactly one end: complete, cancel (the caller's token, or the row ended by
/// someone else) or fail (an error, or the lease lost, with the reason). The work itself runs on <see cref="Stopping"/>
/// and hands every exception to <see cref="EndAsync"/>, so no exception leaves a row running. See docs/sync-engine.md.
/// </summary>
internal sealed class SyncRun : IAsyncDisposable
{
    private readonly SyncTracker _tracker;
    private readonly ResiliencePipeline _databaseRetry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _finished = new();
    private readonly SyncWatcher _watcher;
    private readonly Task _watching;

    private SyncRun(
        SyncProgress sync, SyncLease lease, SyncTracker tracker, EngineOptions options, ResiliencePipeline databaseRetry,
        ILogger logger, CancellationToken cancellationToken)
    {
        Sync = sync;
        _tracker = tracker;
        _databaseRetry = databaseRetry;
        _logger = logger;
        Reporter = tracker.CreateReporter(sync);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watcher = new SyncWatcher(tracker, lease, options, tracker.TimeProvider, logger);
        _watching = _watcher.WatchAsync(sync.OrgId, sync.SyncId, _stop, _finished.Token);
    }

    /// <summary>The row as it was started.</summary>
    public SyncProgress Sync { get; }

    /// <summary>The throttled progress writer of this sync.</summary>
    public SyncProgressReporter Reporter { get; }

    /// <summary>Cancelled when the caller cancels, the row is ended from outside, or the lease is lost.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// Starts the row and watching it. Without a sync id it takes the guide's <c>sync-&lt;source&gt;-&lt;ms&gt;</c> form;
    /// two syncs started in the same millisecond (two workers) would collide, so the later one takes the next free one.
    /// </summary>
    public static async Task<SyncRun> StartAsync(
        StartSync start, SyncLease lease, SyncTracker tracker, EngineOptions options, ResiliencePipeline databaseRetry,
        ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var milliseconds = tracker.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var source = start.SourceSystem == "woocommerce" ? "woo" : start.SourceSystem;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var sync = await tracker.StartAsync(start with { SyncId = start.SyncId ?? $"sync-{source}-{milliseconds + attempt}" }, cancellationToken);
                return new SyncRun(sync, lease, tracker, options, databaseRetry, logger, cancellationToken);
            }
            catch (SyncAlreadyExistsException) when (start.SyncId is null && attempt < 100)
            {
            }
        }
    }

    /// <summary>Stops watching, runs <paramref name="beforeComplete"/> (the checkpoint) and ends the row as completed.</summary>
    public async Task<SyncProgress> CompleteAsync(
        int processed, int failed, Func<CancellationToken, Task>? beforeComplete, CancellationToken cancellationToken)
    {
        await StopWatchingAsync();
        if (beforeComplete is not null)
        {
            await _databaseRetry.ExecuteAsync(async ct => await beforeComplete(ct), cancellationToken);
        }

        return await _databaseRetry.ExecuteAsync(
            async ct => await _tracker.CompleteAsync(Sync.OrgId, Sync.SyncId, processed, failed, ct), cancellationToken);
    }

    /// <summary>Ends the row for the exception that stopped the work, and says how it ended.</summary>
    public async Task<(string Status, string? Message)> EndAsync(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        await StopWatchingAsync();
        if (_watcher.LostLease is { } lostLease)
        {
            return await FailAsync(lostLease);
        }

        // A cancellation of this run (the caller's token, or the row ended from outside). Any other cancellation (a
        // timeout inside a client) is an error like the rest.
        if ((exception is OperationCanceledException && _stop.IsCancellationRequested) || exception is SyncAlreadyFinishedException)
        {
            return await CancelAsync();
        }

        var message = exception is SourceException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        return await FailAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync();
        Reporter.Dispose();
        _stop.Dispose();
        _finished.Dispose();
    }

    private async Task<(string Status, string? Message)> CancelAsync()
    {
        var row = await _databaseRetry.ExecuteAsync(async ct => await _tracker.FindAsync(Sync.OrgId, Sync.SyncId, ct), CancellationToken.None);
        if (row?.Status != SyncStatus.Running)
        {
            // Ended from outside (cancelled, timed out, failed as interrupted): that status stands.
            return (row?.Status ?? SyncStatus.Cancelled, row?.ErrorMessage);
        }

        return await EndRowAsync(ct => _tracker.CancelAsync(Sync.OrgId, Sync.SyncId, "cancelled by the caller", ct));
    }

    private Task<(string Status, string? Message)> FailAsync(string message)
    {
        EngineLog.Failed(_logger, Sync.SyncId, message);
        return EndRowAsync(ct => _tracker.FailAsync(Sync.OrgId, Sync.SyncId, message, ct));
    }

    private async Task<(string Status, string? Message)> EndRowAsync(Func<CancellationToken, Task<SyncProgress>> end)
    {
        try
        {
            await _databaseRetry.ExecuteAsync(async ct => await Reporter.FlushAsync(ct), CancellationToken.None);
            var ended = await _databaseRetry.ExecuteAsync(async ct => await end(ct), CancellationToken.None);
            return (ended.Status, ended.ErrorMessage);
        }
        catch (SyncAlreadyFinishedException)
        {
            // Ended meanwhile (cancelled, timed out, failed as interrupted by a run that took over): that status stands.
            var row = await _tracker.FindAsync(Sync.OrgId, Sync.SyncId, CancellationToken.None);
            return (row?.Status ?? SyncStatus.Failed, row?.ErrorMessage);
        }
    }

    private async Task StopWatchingAsync()
    {
        if (!_finished.IsCancellationRequested)
        {
            await _finished.CancelAsync();
        }

        await _watching;
    }
}
