namespace SyncOps.Server.Realtime;

/// <summary>
/// The hub's two ways in: commits from the feed, and the coalescer's timer releasing held <c>sync_progress</c> UPDATEs
/// (<see cref="ChangeCoalescer"/>). Both add to the round's changes under one lock, so changes keep their order.
/// </summary>
internal sealed partial class RealtimeHub
{
    /// <summary>A commit's changes from the feed: what the coalescer lets through now goes out with the next round.</summary>
    private async Task DispatchAsync(IReadOnlyList<RowChange> changes)
    {
        await _dispatch.WaitAsync();
        try
        {
            Pend(_coalescer.Admit(changes));
            ScheduleFlush();
        }
        finally
        {
            _dispatch.Release();
        }
    }

    /// <summary>Arms the timer for the coalescer's next due UPDATE (under the dispatch lock).</summary>
    private void ScheduleFlush()
    {
        if (_flushArmed)
        {
            return;
        }

        if (_coalescer.Watching)
        {
            _flushArmed = true;
            _flushTimer.Change(ChangeCoalescer.Interval, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FlushAsync()
    {
        await _dispatch.WaitAsync();
        try
        {
            _flushArmed = false;
            Pend(_coalescer.TakeDue(out var next));
            if (next is { } wait)
            {
                _flushArmed = true;
                _flushTimer.Change(wait, Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception e)
        {
            LogFlushFailed(_logger, e); // a timer callback has nobody to throw to
        }
        finally
        {
            _dispatch.Release();
        }
    }
}
