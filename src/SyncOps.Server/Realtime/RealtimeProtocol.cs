using System.Text.Json.Nodes;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Realtime;

/// <summary>
/// What the server answers to each frame realtime-js sends (reference: realtime-and-auth.md): <c>heartbeat</c> on the
/// <c>phoenix</c> topic, <c>phx_join</c> with its <c>postgres_changes</c>/<c>broadcast</c>/<c>presence</c> config,
/// <c>phx_leave</c>, <c>access_token</c> (token refresh), <c>broadcast</c> and <c>presence</c> (track/untrack, in
/// RealtimeProtocol.Presence.cs). Errors are <c>phx_reply</c> with status <c>error</c> and
/// a <c>reason</c> in words, which realtime-js reports as CHANNEL_ERROR.
/// </summary>
internal sealed partial class RealtimeProtocol(
    JwtAuthenticator authenticator, RealtimeHub hub, RealtimeCatalog catalog, PresenceRegistry presence)
{
    private static int s_nextBindingId;

    public async Task HandleAsync(RealtimeConnection connection, PhoenixMessage message, CancellationToken cancellationToken)
    {
        switch (message.Event)
        {
            case "heartbeat" when message.Topic == PhoenixMessage.PhoenixTopic:
                connection.Send(message.Reply("ok", null));
                break;
            case "phx_join":
                await JoinAsync(connection, message, cancellationToken);
                break;
            case "phx_leave":
                if (connection.Channels.TryRemove(message.Topic, out var left))
                {
                    presence.Leave(left);
                }

                connection.Send(message.Reply("ok", null));
                break;
            case "access_token":
                await RefreshTokenAsync(connection, message);
                break;
            case "broadcast" when connection.Channels.TryGetValue(message.Topic, out var channel):
                hub.Broadcast(channel, message);
                break;
            case "presence" when connection.Channels.TryGetValue(message.Topic, out var channel):
                HandlePresence(channel, message);
                break;
            default:
                connection.Send(message.Reply("error", Reason(
                    connection.Channels.ContainsKey(message.Topic) ? $"unsupported event {message.Event}" : "unmatched topic")));
                break;
        }
    }

    private async Task JoinAsync(RealtimeConnection connection, PhoenixMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Payload as JsonObject;
        var config = payload?["config"] as JsonObject;
        var identity = await AuthenticateAsync(payload?["access_token"]?.GetValue<string>() ?? connection.ApiKey);
        if (identity.Error is { } unauthorized)
        {
            connection.Send(message.Reply("error", Reason(unauthorized)));
            return;
        }

        if (config?["private"]?.GetValue<bool>() == true)
        {
            connection.Send(message.Reply("error", Reason("private channels are not supported by SyncOps yet")));
            return;
        }

        var bindings = new List<ChangeBinding>();
        foreach (var requested in (config?["postgres_changes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (binding, error) = await BindAsync(requested, identity.Identity!, cancellationToken);
            if (error is not null)
            {
                connection.Send(message.Reply("error", Reason(error)));
                return;
            }

            bindings.Add(binding!);
        }

        if (bindings.Count > 0 && await hub.EnsureChangeFeedAsync(cancellationToken) is { } unavailable)
        {
            connection.Send(message.Reply("error", Reason(unavailable)));
            return;
        }

        var broadcast = config?["broadcast"] as JsonObject;
        var joined = new ChannelSubscription(
            connection, message.Topic, message.JoinRef ?? message.Ref ?? "", identity.Identity!, bindings,
            broadcast?["self"]?.GetValue<bool>() == true, broadcast?["ack"]?.GetValue<bool>() == true,
            PresenceKey(config?["presence"]));
        if (connection.Channels.TryGetValue(message.Topic, out var previous))
        {
            presence.Leave(previous); // realtime-js joins a topic again on the same socket after a join timed out
        }

        connection.Channels[message.Topic] = joined;
        connection.Send(message.Reply("ok", new JsonObject
        {
            ["postgres_changes"] = new JsonArray(bindings.Select(b => (JsonNode)b.ToReply()).ToArray()),
        }));
        if (joined.PresenceKey is not null)
        {
            presence.Join(joined);
        }
    }

    private async Task<(ChangeBinding? Binding, string? Error)> BindAsync(
        JsonObject requested, RequestIdentity identity, CancellationToken cancellationToken)
    {
        var @event = requested["event"]?.GetValue<string>() ?? "*";
        var schema = requested["schema"]?.GetValue<string>() ?? "public";
        var table = requested["table"]?.GetValue<string>();
        var filterText = requested["filter"]?.GetValue<string>();
        if (@event is not ("*" or "INSERT" or "UPDATE" or "DELETE"))
        {
            return (null, $"invalid event \"{@event}\": expected INSERT, UPDATE, DELETE or *");
        }

        if (table is null)
        {
            return (null, "postgres_changes needs a table");
        }

        ChangeFilter? filter = null;
        if (filterText is not null)
        {
            (filter, var error) = ChangeFilter.Parse(filterText);
            if (error is not null)
            {
                return (null, error);
            }
        }

        if (!await catalog.CanSelectAsync(identity.Role, schema, table, cancellationToken))
        {
            return (null, $"Unable to subscribe to changes with given parameters: table {schema}.{table} does not exist " +
                "or the role may not read it");
        }

        return (new ChangeBinding(Interlocked.Increment(ref s_nextBindingId), @event, schema, table, filterText, filter), null);
    }

    private async Task RefreshTokenAsync(RealtimeConnection connection, PhoenixMessage message)
    {
        if (!connection.Channels.TryGetValue(message.Topic, out var channel))
        {
            return;
        }

        var refreshed = await AuthenticateAsync((message.Payload as JsonObject)?["access_token"]?.GetValue<string>());
        if (refreshed.Identity is { } identity)
        {
            channel.Identity = identity;
            return;
        }

        // As Supabase Realtime does with a bad or expired token: tell the client and close the channel.
        connection.Channels.TryRemove(message.Topic, out _);
        presence.Leave(channel);
        connection.Send(new PhoenixMessage(message.Topic, "system", new JsonObject
        {
            ["status"] = "error", ["message"] = refreshed.Error, ["extension"] = "system", ["channel"] = message.Topic,
        }, null, channel.JoinRef));
        connection.Send(new PhoenixMessage(message.Topic, "phx_close", new JsonObject(), channel.JoinRef, channel.JoinRef));
    }

    private async Task<(RequestIdentity? Identity, string? Error)> AuthenticateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, "unauthorized: an apikey or access_token is required");
        }

        try
        {
            return (await authenticator.AuthenticateAsync("Bearer " + token, null), null);
        }
        catch (PostgrestException e)
        {
            return (null, "unauthorized: " + e.Error.Message);
        }
    }

    private static JsonObject Reason(string reason) => new() { ["reason"] = reason };
}
