using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Phoenix Presence for <c>/realtime/v1</c>, per channel topic across every socket of this server process: who tracked
/// what on a topic, <c>presence_state</c> to a channel that joins with <c>config.presence</c>, and <c>presence_diff</c>
/// (<c>{joins, leaves}</c> of <c>{key: {metas: [...]}}</c>) to every such channel of the topic when someone tracks,
/// updates, untracks or goes away (phx_leave, socket closed, idle timeout). The shapes are what realtime-js'
/// RealtimePresence reads (<c>phx_ref</c> becomes its <c>presence_ref</c>). Held in memory: several servers behind a
/// load balancer would each see only their own sockets' presences (docs/realtime.md, "Presence").
/// </summary>
internal sealed class PresenceRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ChannelSubscription>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<ChannelSubscription, PresenceEntry> _tracked = [];
    // A prefix of this process's own, so that a restarted server never hands out a ref a client still holds for another
    // presence (realtime-js tells presences apart by phx_ref alone when it syncs a new state after reconnecting).
    private readonly string _refPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _nextRef;

    /// <summary>Adds a channel joined with <c>config.presence</c> to its topic and sends it the topic's presence_state.</summary>
    public void Join(ChannelSubscription channel)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(channel.Topic, out var members))
            {
                _members[channel.Topic] = members = [];
            }

            members.Add(channel);
            var state = new JsonObject();
            foreach (var member in members)
            {
                if (_tracked.TryGetValue(member, out var entry))
                {
                    Metas(state, entry.Key).Add(entry.Meta());
                }
            }

            channel.Connection.Send(new PhoenixMessage(channel.Topic, "presence_state", state, null, channel.JoinRef));
        }
    }

    public bool IsMember(ChannelSubscription channel)
    {
        lock (_lock)
        {
            return _members.TryGetValue(channel.Topic, out var members) && members.Contains(channel);
        }
    }

    /// <summary>Tracks (or replaces) the channel's presence; the diff joins the new meta and, on an update, leaves the old.</summary>
    public void Track(ChannelSubscription channel, string key, JsonObject payload)
    {
        lock (_lock)
        {
            var entry = new PresenceEntry(key, payload, _refPrefix + (++_nextRef).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var leaves = new JsonObject();
            string? previousRef = null;
            if (_tracked.TryGetValue(channel, out var old))
            {
                Metas(leaves, old.Key).Add(old.Meta());
                previousRef = old.Key == key ? old.Ref : null;
            }

            _tracked[channel] = entry;
            var joins = new JsonObject();
            Metas(joins, key).Add(entry.Meta(previousRef));
            SendDiff(channel.Topic, joins, leaves);
        }
    }

    /// <summary>Removes the channel's presence, if it tracked one.</summary>
    public void Untrack(ChannelSubscription channel)
    {
        lock (_lock)
        {
            UntrackLocked(channel);
        }
    }

    /// <summary>The channel left (phx_leave, a rejected token, a second join of its topic): untracked and no longer told.</summary>
    public void Leave(ChannelSubscription channel)
    {
        lock (_lock)
        {
            LeaveLocked(channel);
        }
    }

    /// <summary>The socket closed (by the client, an idle timeout or the server stopping): every channel of it leaves.</summary>
    public void LeaveAll(RealtimeConnection connection)
    {
        lock (_lock)
        {
            foreach (var channel in _members.Values.SelectMany(m => m).Where(c => c.Connection == connection).ToList())
            {
                LeaveLocked(channel);
            }
        }
    }

    private void LeaveLocked(ChannelSubscription channel)
    {
        UntrackLocked(channel);
        if (_members.TryGetValue(channel.Topic, out var members) && members.Remove(channel) && members.Count == 0)
        {
            _members.Remove(channel.Topic);
        }
    }

    private void UntrackLocked(ChannelSubscription channel)
    {
        if (_tracked.Remove(channel, out var old))
        {
            var leaves = new JsonObject();
            Metas(leaves, old.Key).Add(old.Meta());
            SendDiff(channel.Topic, new JsonObject(), leaves);
        }
    }

    // Sent under the lock, so every member gets the diffs of a topic in the order they happened, after its state. One
    // payload for every member (only the join_ref differs), as RealtimeHub.Broadcast shares its frame.
    private void SendDiff(string topic, JsonObject joins, JsonObject leaves)
    {
        if (!_members.TryGetValue(topic, out var members))
        {
            return;
        }

        var diff = new PhoenixMessage(topic, "presence_diff", new JsonObject { ["joins"] = joins, ["leaves"] = leaves }, null, null);
        foreach (var member in members)
        {
            member.Connection.Send(diff with { JoinRef = member.JoinRef });
        }
    }

    private static JsonArray Metas(JsonObject state, string key)
    {
        if (state[key] is not JsonObject presences)
        {
            state[key] = presences = new JsonObject { ["metas"] = new JsonArray() };
        }

        return (JsonArray)presences["metas"]!;
    }
}
