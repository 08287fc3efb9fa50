namespace SyncOps.Tracking;

/// <summary>
/// Counts items in memory and writes them to <c>sync_progress</c> at most every N items or T, whichever comes first
/// (the guide's "update progress every 100-500 items, not every single item"), and always writes the final count on
/// <see cref="FlushAsync"/>. Safe to call from several tasks: counting is lock-free and only one write runs at a time.
/// </summary>
public sealed class SyncProgressReporter : IDisposable
{
    private readonly SyncTracker _tracker;
    private readonly ProgressReporterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _processed;
    private int _failed;
    private int _writtenDone;
    private long _lastWriteTimestamp;
    private int _writes;

    internal SyncProgressReporter(
        SyncTracker tracker, SyncProgress sync, ProgressReporterOptions options, TimeProvider timeProvider)
    {
        _tracker = tracker;
        _options = options;
        _timeProvider = timeProvider;
        Latest = sync;
        _processed = sync.ProcessedCount;
        _failed = sync.FailedCount;
        _writtenDone = sync.Done;
        _lastWriteTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>The row as the database returned it after the last write.</summary>
    public SyncProgress Latest { get; private set; }

    public int Processed => Volatile.Read(ref _processed);

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>How many times this reporter wrote to the database.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public ValueTask ItemsProcessedAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _processed, count);
        return WriteIfDueAsync(cancellationToken);
    }

    public ValueTask ItemsFailedAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _failed, count);
        return WriteIfDueAsync(cancellationToken);
    }

    /// <summary>Sets absolute counts (for workers that keep their own).</summary>
    public ValueTask SetCountsAsync(int processed, int failed, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _processed, processed);
        Volatile.Write(ref _failed, failed);
        return WriteIfDueAsync(cancellationToken);
    }

    /// <summary>Writes the current counts now, unless they are already written. Call it once at the end.</summary>
    public async Task<SyncProgress> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (Processed + Failed != _writtenDone || Latest.ProcessedCount != Processed)
            {
                await WriteAsync(cancellationToken);
            }

            return Latest;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private ValueTask WriteIfDueAsync(CancellationToken cancellationToken)
    {
        var pending = Processed + Failed - Volatile.Read(ref _writtenDone);
        var due = pending >= _options.EveryItems ||
                  (pending > 0 && _timeProvider.GetElapsedTime(Volatile.Read(ref _lastWriteTimestamp)) >= _options.Every);
        return due ? new ValueTask(TryWriteAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    private async Task TryWriteAsync(CancellationToken cancellationToken)
    {
        // Another task is already writing: its write (or the next one) carries these counts too.
        if (!await _writeLock.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            await WriteAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var processed = Processed;
        var failed = Failed;
        Latest = await _tracker.ReportAsync(Latest.OrgId, Latest.SyncId, processed, failed, null, cancellationToken);
        Volatile.Write(ref _writtenDone, processed + failed);
        Volatile.Write(ref _lastWriteTimestamp, _timeProvider.GetTimestamp());
        Interlocked.Increment(ref _writes);
    }
}
