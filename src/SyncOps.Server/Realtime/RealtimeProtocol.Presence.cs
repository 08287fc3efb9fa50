using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Presence frames as realtime-js 2.11 sends them: <c>channel.track(payload)</c> is event <c>presence</c> with
/// <c>{type: 'presence', event: 'track', payload}</c>, <c>channel.untrack()</c> the same with <c>event: 'untrack'</c>;
/// each is acknowledged with a <c>phx_reply</c>, and the change reaches the topic's members as <c>presence_diff</c>
/// (<see cref="PresenceRegistry"/>). Presence has no access rules beyond the join, like broadcast.
/// </summary>
internal sealed partial class RealtimeProtocol
{
    private void HandlePresence(ChannelSubscription channel, PhoenixMessage message)
    {
        var payload = message.Payload as JsonObject;
        if (channel.PresenceKey is not { } key || !presence.IsMember(channel))
        {
            channel.Connection.Send(message.Reply("error", Reason("presence is not enabled on this channel: join with config.presence")));
            return;
        }

        switch (payload?["event"]?.GetValue<string>())
        {
            // The reply before the diff, as Phoenix answers the push before the broadcast of the diff comes back to it.
            case "track" when payload["payload"] is JsonObject tracked:
                channel.Connection.Send(message.Reply("ok", null));
                presence.Track(channel, key, (JsonObject)tracked.DeepClone());
                break;
            case "track":
                channel.Connection.Send(message.Reply("error", Reason("track needs a payload object, e.g. { user: 'ada' }")));
                break;
            case "untrack":
                channel.Connection.Send(message.Reply("ok", null));
                presence.Untrack(channel);
                break;
            case var other:
                channel.Connection.Send(message.Reply("error", Reason($"unsupported presence event \"{other}\": expected track or untrack")));
                break;
        }
    }

    /// <summary>
    /// The key a join's <c>config.presence</c> names; empty (realtime-js' default) means one of the channel's own, as
    /// Supabase Realtime gives it (a UUID). Null when the join asked for no presence.
    /// </summary>
    private static string? PresenceKey(JsonNode? config) => config switch
    {
        JsonObject o when o["key"] is JsonValue v && v.TryGetValue<string>(out var key) && key.Length > 0 => key,
        JsonObject => Guid.NewGuid().ToString(),
        _ => null,
    };
}
