using System.Text.Json.Nodes;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

internal sealed partial class RealtimeHub
{
    /// <summary>
    /// Sorts the subscribers bound to a table into <see cref="SubscriberGroup"/>s (same RLS view, same channel shape),
    /// once per batch of changes rather than once per change: the view lookup is the per-subscriber work here.
    /// </summary>
    private async Task<List<SubscriberGroup>> GroupAsync(string schema, string table)
    {
        // The dictionaries are enumerated as they are (lock-free), not through Keys/Values, which copy under every lock.
        var groups = new Dictionary<string, SubscriberGroup>(StringComparer.Ordinal);
        foreach (var (connection, _) in _connections)
        {
            foreach (var (_, subscriber) in connection.Channels)
            {
                if (!subscriber.Bindings.Any(b => b.Schema == schema && b.Table == table))
                {
                    continue;
                }

                try
                {
                    var view = await _views.GetAsync(subscriber.Identity, schema, table, CancellationToken.None);
                    var key = view.Key + "\u001d" + subscriber.ShapeKey;
                    if (groups.TryGetValue(key, out var group))
                    {
                        group.Members.Add(subscriber);
                    }
                    else
                    {
                        groups[key] = new SubscriberGroup(view, subscriber);
                    }
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    LogReadFailed(_logger, schema, table, e); // this subscriber misses the batch, nobody else
                }
            }
        }

        return [.. groups.Values];
    }

    /// <summary>
    /// One change to every group bound to it: row-level security decides once per view, filters and binding ids once
    /// per group, the frame is encoded once per distinct channel shape, and each member only gets it queued.
    /// </summary>
    private async Task DeliverAsync(RowChange change, List<SubscriberGroup> groups)
    {
        var bound = groups.FindAll(g => Binds(g.First, change));
        if (bound.Count == 0)
        {
            return;
        }

        var record = change.Record is null ? null : ToJson(change.Record);
        var old = OldRecord(change);
        ChangeMessage? message = null; // built for the first group that gets the change
        var filtered = new Dictionary<string, bool>(StringComparer.Ordinal);
        var visible = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in bound)
        {
            if (!visible.TryGetValue(group.View.Key, out var shown))
            {
                try
                {
                    shown = await IsVisibleAsync(group.View, group.First.Identity, change, record, old);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    LogReadFailed(_logger, change.Schema, change.Table, e);
                    shown = false;
                }

                visible[group.View.Key] = shown;
            }

            if (shown && Ids(group.First, change, record, old, filtered) is { } ids)
            {
                var frame = (message ??= new ChangeMessage(change)).For(group.First, ids);
                foreach (var member in group.Members)
                {
                    Queue(member.Connection, frame);
                }
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
    /// The ids of the subscriber's bindings that take the change, or null; a filter's answer is the same for everyone who
    /// wrote the same filter, so it is worked out once per change (<paramref name="filtered"/>).
    /// </summary>
    private static List<int>? Ids(ChannelSubscription subscriber, RowChange change, JsonObject? record, JsonObject old, Dictionary<string, bool> filtered)
    {
        List<int>? ids = null;
        foreach (var binding in subscriber.Bindings)
        {
            if (binding.Accepts(change) && Passes(binding, record, old, filtered))
            {
                (ids ??= []).Add(binding.Id);
            }
        }

        return ids;
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
