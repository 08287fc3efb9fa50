using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// Fans sync changes out to open dashboards. <see cref="ProgressListener"/> hands in each NOTIFY; the hub re-reads the
/// changed syncs (one query per round, however many changed) no more often than <see cref="LiveOptions.MinInterval"/>
/// per sync, sends each to the subscribers of its organisation, and reads a running sync once more
/// <see cref="LiveOptions.TrailingRead"/> later so that the trigger's coalescing never hides the latest state.
/// Each round's rows are turned into SSE bytes once per organisation and that one buffer goes to every dashboard of the
/// organisation: a dashboard costs a queue entry and a socket write, not a serialisation.
/// </summary>
internal sealed partial class LiveHub(SyncTracker tracker, LiveOptions options, TimeProvider timeProvider, ILogger<LiveHub> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Org, string Sync), SyncState> _syncs = [];
    private readonly List<LiveSubscriber> _subscribers = [];
    // The same subscribers by organisation, so a round hands each organisation's frames to its own dashboards only.
    private readonly Dictionary<string, List<LiveSubscriber>> _byOrg = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private int _signalled;

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    internal void Subscribe(LiveSubscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Add(subscriber);
            foreach (var org in subscriber.OrgIds)
            {
                if (!_byOrg.TryGetValue(org, out var watchers))
                {
                    _byOrg[org] = watchers = [];
                }

                watchers.Add(subscriber);
            }
        }
    }

    internal void Unsubscribe(LiveSubscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
            foreach (var org in subscriber.OrgIds)
            {
                if (_byOrg.TryGetValue(org, out var watchers) && watchers.Remove(subscriber) && watchers.Count == 0)
                {
                    _byOrg.Remove(org);
                }
            }
        }
    }

    /// <summary>A NOTIFY arrived for this sync: read it as soon as its interval allows.</summary>
    public void Notify(string orgId, string syncId)
    {
        var now = timeProvider.GetTimestamp();
        lock (_lock)
        {
            if (!_byOrg.ContainsKey(orgId))
            {
                return; // nobody of this organisation is watching; a dashboard opened later starts from a snapshot
            }

            if (!_syncs.TryGetValue((orgId, syncId), out var state))
            {
                state = new SyncState();
                _syncs[(orgId, syncId)] = state;
            }

            var earliest = state.LastSent == 0 ? now : Math.Max(now, state.LastSent + Ticks(options.MinInterval));
            if (state.Due != 0 && state.Due <= earliest)
            {
                return; // read that soon already: the loop wakes for it anyway
            }

            state.Due = earliest;
        }

        // One pending wake-up is enough: with 200 syncs reporting, the loop would otherwise wake (and look through every
        // sync) once per NOTIFY after each round's pause.
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = TakeDue(out var wait);
            if (due.Count == 0)
            {
                try
                {
                    await _wake.WaitAsync(wait, stoppingToken);
                    Interlocked.Exchange(ref _signalled, 0);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            try
            {
                await ReadAndSendAsync(due, stoppingToken);
                // Rounds are paced: what changes meanwhile is read together in the next one, so each dashboard wakes
                // and flushes at most once per RoundInterval however many syncs report.
                await Task.Delay(options.RoundInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogReadFailed(logger, e);
                Reschedule(due, options.TrailingRead);
                await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private List<(string Org, string Sync)> TakeDue(out TimeSpan wait)
    {
        var now = timeProvider.GetTimestamp();
        var next = long.MaxValue;
        var due = new List<(string, string)>();
        lock (_lock)
        {
            foreach (var (key, state) in _syncs)
            {
                if (state.Due == 0)
                {
                    continue;
                }

                if (state.Due <= now)
                {
                    due.Add(key);
                    state.Due = 0;
                }
                else
                {
                    next = Math.Min(next, state.Due);
                }
            }
        }

        wait = next == long.MaxValue ? TimeSpan.FromSeconds(5) : timeProvider.GetElapsedTime(now, next) + TimeSpan.FromMilliseconds(1);
        return due;
    }

    private void Reschedule(List<(string Org, string Sync)> keys, TimeSpan after)
    {
        var at = timeProvider.GetTimestamp() + Ticks(after);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_syncs.TryGetValue(key, out var state) && (state.Due == 0 || state.Due > at))
                {
                    state.Due = at;
                }
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * timeProvider.TimestampFrequency);

    /// <summary>What the hub knows of one sync: when it was last sent, the version sent, and when to read it next (0: not scheduled).</summary>
    private sealed class SyncState
    {
        public long LastSent;
        public DateTimeOffset LastUpdatedAt;
        public long Due;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "live: reading changed syncs failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
