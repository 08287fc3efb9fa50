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
        var bound = Subscriptions().Where(s => s.Bindings.Any(b => b.Accepts(change))).ToList();
        if (bound.Count == 0)
        {
            return;
        }

        var groups = new Dictionary<string, (RlsView View, List<ChannelSubscription> Subscribers)>(StringComparer.Ordinal);
        foreach (var subscriber in bound)
        {
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

        var record = change.Record is null ? null : ToJson(change.Record);
        var old = OldRecord(change);
        var message = new ChangeMessage(change, record, old);
        foreach (var (view, subscribers) in groups.Values)
        {
            try
            {
                if (await IsVisibleAsync(view, subscribers[0].Identity, change, record, old))
                {
                    Send(message, change, subscribers, record, old);
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                LogReadFailed(_logger, change.Schema, change.Table, e);
            }
        }
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

    private static void Send(ChangeMessage message, RowChange change, List<ChannelSubscription> subscribers, JsonObject? record, JsonObject old)
    {
        foreach (var subscriber in subscribers)
        {
            var ids = subscriber.Bindings.Where(b => b.Accepts(change) && Passes(b.Filter, record, old)).Select(b => b.Id).ToList();
            if (ids.Count > 0)
            {
                subscriber.Connection.Send(message.For(subscriber, ids));
            }
        }
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
