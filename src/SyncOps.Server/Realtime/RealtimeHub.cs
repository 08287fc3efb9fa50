using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Every open socket of this server, broadcast between the members of a channel, and the fan-out of committed row
/// changes to the channels bound to them. A change is read once per distinct identity (role and claims) among the
/// subscribers, as that identity, so row-level security decides per user and identical subscribers share one read.
/// </summary>
internal sealed partial class RealtimeHub(RowVisibility rows, ChangeFeedRunner feed, ILogger<RealtimeHub> logger)
{
    private readonly ConcurrentDictionary<RealtimeConnection, byte> _connections = new();
    private readonly SeenRows _seen = new();

    public void Add(RealtimeConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(RealtimeConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Null when changes can be delivered, else why not (for the join's error reply).</summary>
    public Task<string?> EnsureChangeFeedAsync(CancellationToken cancellationToken) => feed.EnsureStartedAsync(DispatchAsync, cancellationToken);

    /// <summary>Relays a client's broadcast to the channel's other members (and to itself when it asked for self).</summary>
    public void Broadcast(ChannelSubscription from, PhoenixMessage message)
    {
        var frame = new PhoenixMessage(from.Topic, "broadcast", message.Payload?.DeepClone(), null, null);
        foreach (var channel in Subscriptions().Where(c => c.Topic == from.Topic && (c != from || from.BroadcastSelf)))
        {
            channel.Connection.Send(frame with { JoinRef = channel.JoinRef });
        }

        if (from.BroadcastAck)
        {
            from.Connection.Send(message.Reply("ok", null));
        }
    }

    private async Task DispatchAsync(IReadOnlyList<RowChange> changes)
    {
        foreach (var change in changes)
        {
            var bound = Subscriptions().Where(s => s.Bindings.Any(b => b.Accepts(change))).ToList();
            foreach (var group in bound.GroupBy(s => s.Identity.ClaimsJson, StringComparer.Ordinal))
            {
                try
                {
                    await DeliverAsync(change, group.First().Identity, group.ToList());
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                {
                    LogReadFailed(logger, change.Schema, change.Table, e);
                }
            }

            if (change.Type == "DELETE")
            {
                _seen.Forget(change.RowKey);
            }
        }
    }

    private async Task DeliverAsync(RowChange change, RequestIdentity identity, List<ChannelSubscription> subscribers)
    {
        var record = change.Record is null ? null : ToJson(change.Record);
        var old = OldRecord(change);
        // A DELETE's old row holds its key only (unless REPLICA IDENTITY FULL): when the policies need more than that,
        // it still reaches whoever was shown the row before, and nobody else.
        var visible = await rows.IsVisibleAsync(identity, change, record ?? old, CancellationToken.None) ||
            (record is null && _seen.WasShown(change.RowKey, identity.ClaimsJson));
        if (!visible)
        {
            return;
        }

        if (record is not null)
        {
            _seen.Shown(change.RowKey, identity.ClaimsJson);
        }

        foreach (var subscriber in subscribers)
        {
            var ids = subscriber.Bindings
                .Where(b => b.Accepts(change) && Passes(b.Filter, record, old))
                .Select(b => (JsonNode)b.Id).ToArray();
            if (ids.Length > 0)
            {
                subscriber.Connection.Send(ChangeMessage.Create(subscriber, change, ids, record, old));
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

    private IEnumerable<ChannelSubscription> Subscriptions() => _connections.Keys.SelectMany(c => c.Channels.Values);

    [LoggerMessage(Level = LogLevel.Warning, Message = "realtime: could not read a changed row of {Schema}.{Table}")]
    private static partial void LogReadFailed(ILogger logger, string schema, string table, Exception exception);
}
