using System.Text.Json.Nodes;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

internal sealed partial class RealtimeHub
{
    /// <summary>
    /// One change to every channel bound to it: the subscribers are grouped by what row-level security lets them read
    /// (<see cref="RlsViews"/>), each group is decided once, and the frame is encoded once per distinct channel shape.
    /// </summary>
    private async Task DeliverAsync(RowChange change)
    {
        // The dictionaries are enumerated as they are (lock-free), not through Keys/Values, which copy under every lock.
        var groups = new Dictionary<string, (RlsView View, List<ChannelSubscription> Subscribers)>(StringComparer.Ordinal);
        foreach (var (connection, _) in _connections)
        {
            foreach (var (_, subscriber) in connection.Channels)
            {
                if (!Binds(subscriber, change))
                {
                    continue;
                }

                try
                {
                    var view = await _views.GetAsync(subscriber.Identity, change.Schema, change.Table, CancellationToken.None);
                    if (!groups.TryGetValue(view.Key, out var group))
                    {
                        groups[view.Key] = group = (view, []);
                    }

                    group.Subscribers.Add(subscriber);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    LogReadFailed(_logger, change.Schema, change.Table, e); // this subscriber misses the change, nobody else
                }
            }
        }

        if (groups.Count == 0)
        {
            return;
        }

        var record = change.Record is null ? null : ToJson(change.Record);
        var old = OldRecord(change);
        var message = new ChangeMessage(change, record, old);
        var filtered = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (view, subscribers) in groups.Values)
        {
            try
            {
                if (await IsVisibleAsync(view, subscribers[0].Identity, change, record, old))
                {
                    Send(message, change, subscribers, record, old, filtered);
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                LogReadFailed(_logger, change.Schema, change.Table, e);
            }
        }
    }

    private static bool Binds(ChannelSubscription subscriber, RowChange change)
    {
        foreach (var binding in subscriber.Bindings)
        {
            if (binding.Accepts(change))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> IsVisibleAsync(RlsView view, RequestIdentity identity, RowChange change, JsonObject? record, JsonObject old)
    {
        // A DELETE's old row holds its key only (unless REPLICA IDENTITY FULL): when the policies need more than that,
        // it still reaches whoever was shown the row before, and nobody else.
        var visible = view.Decide(record ?? old) ??
            (await _rows.IsVisibleAsync(identity, change, record ?? old, CancellationToken.None) ||
             (record is null && _seen.WasShown(change.RowKey, view.Key)));
        if (visible && record is not null)
        {
            _seen.Shown(change.RowKey, view.Key);
        }

        return visible;
    }

    /// <summary>
    /// Queues the change for each subscriber with the ids of its bindings that take it; a filter's answer is the same
    /// for everyone who wrote the same filter, so it is worked out once per change (<paramref name="filtered"/>).
    /// </summary>
    private void Send(
        ChangeMessage message, RowChange change, List<ChannelSubscription> subscribers, JsonObject? record, JsonObject old,
        Dictionary<string, bool> filtered)
    {
        foreach (var subscriber in subscribers)
        {
            List<int>? ids = null;
            foreach (var binding in subscriber.Bindings)
            {
                if (binding.Accepts(change) && Passes(binding, record, old, filtered))
                {
                    (ids ??= []).Add(binding.Id);
                }
            }

            if (ids is not null)
            {
                Queue(subscriber.Connection, message.For(subscriber, ids));
            }
        }
    }

    private static bool Passes(ChangeBinding binding, JsonObject? record, JsonObject old, Dictionary<string, bool> filtered)
    {
        if (binding.Filter is null)
        {
            return true;
        }

        if (!filtered.TryGetValue(binding.FilterText!, out var passes))
        {
            filtered[binding.FilterText!] = passes = Passes(binding.Filter, record, old);
        }

        return passes;
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string?> values)
    {
        var json = new JsonObject();
        foreach (var (column, value) in values)
        {
            json[column] = value;
        }

        return json;
    }

    /// <summary>
    /// A filter is checked on the row as written; for a DELETE on the old row as far as the log keeps it (its key, or
    /// every column with REPLICA IDENTITY FULL). A filter on a column the log does not keep cannot narrow a DELETE, as
    /// on Supabase ("delete events are not filterable"): it is delivered, to identities that were shown the row only.
    /// </summary>
    private static bool Passes(ChangeFilter? filter, JsonObject? record, JsonObject old) =>
        filter is null || (record ?? old) is var row && (!row.ContainsKey(filter.Column) && record is null || filter.Matches(row));

    /// <summary>The old row as far as the log keeps it (its key), as realtime gives it for UPDATE and DELETE.</summary>
    private static JsonObject OldRecord(RowChange change)
    {
        var old = new JsonObject();
        foreach (var key in change.Key)
        {
            old[key.Column] = key.Value;
        }

        return old;
    }
}
