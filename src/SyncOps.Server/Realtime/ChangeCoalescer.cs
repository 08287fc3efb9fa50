namespace SyncOps.Server.Realtime;

/// <summary>
/// Coalesces bursts of UPDATEs of one <c>sync_progress</c> row (a running sync reporting its counts): at most one such
/// UPDATE per row per <see cref="Interval"/> goes out, the latest one wins, and the last one of a burst (for a sync
/// that ends, the one that ends it) always goes out, at most <see cref="Interval"/> late. Every other change (INSERT,
/// DELETE, any other table) passes straight through; an INSERT or DELETE of a row with an UPDATE held first releases
/// that UPDATE, so a row's own changes keep their order. Not thread-safe: the hub calls it under its dispatch lock.
/// </summary>
internal sealed class ChangeCoalescer(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, RowState> _rows = new(StringComparer.Ordinal);

    public static bool Coalesces(RowChange change) =>
        change is { Type: "UPDATE", Schema: "public", Table: "sync_progress" };

    /// <summary>The changes of one commit, in order, minus the UPDATEs now held back.</summary>
    public List<RowChange> Admit(IReadOnlyList<RowChange> changes)
    {
        var now = time.GetTimestamp();
        var ready = new List<RowChange>(changes.Count);
        foreach (var change in changes)
        {
            var key = change.RowKey;
            if (!Coalesces(change))
            {
                if (_rows.Remove(key, out var released) && released.Pending is { } pending)
                {
                    ready.Add(pending);
                }

                ready.Add(change);
                continue;
            }

            if (!_rows.TryGetValue(key, out var state))
            {
                _rows[key] = state = new RowState();
            }

            if (state.Pending is not null || (state.Sent != 0 && time.GetElapsedTime(state.Sent, now) < Interval))
            {
                state.Pending = change; // latest wins
            }
            else
            {
                state.Sent = now;
                ready.Add(change);
            }
        }

        return ready;
    }

    /// <summary>
    /// The held UPDATEs whose interval has passed, forgetting rows quiet for an interval; <paramref name="next"/>: when
    /// to look again (null: no row left to watch).
    /// </summary>
    public List<RowChange> TakeDue(out TimeSpan? next)
    {
        var now = time.GetTimestamp();
        var due = new List<RowChange>();
        next = null;
        foreach (var (key, state) in _rows)
        {
            var waited = time.GetElapsedTime(state.Sent, now);
            if (waited < Interval)
            {
                next = next is null || Interval - waited < next ? Interval - waited : next;
            }
            else if (state.Pending is null)
            {
                _rows.Remove(key); // quiet for an interval: forget it (Dictionary allows removing while enumerating)
            }
            else
            {
                due.Add(state.Pending);
                state.Pending = null;
                state.Sent = now;
                next = next is null || Interval < next ? Interval : next;
            }
        }

        return due;
    }

    /// <summary>Whether any row is still watched (the hub then keeps its timer armed).</summary>
    public bool Watching => _rows.Count > 0;

    private sealed class RowState
    {
        public long Sent;
        public RowChange? Pending;
    }
}
