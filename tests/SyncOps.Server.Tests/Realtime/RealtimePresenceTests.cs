using System.Text.Json.Nodes;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>
/// Presence frame by frame, in the shapes realtime-js 2.11's RealtimePresence reads (Phoenix Presence: metas with
/// <c>phx_ref</c>, an update's join carrying <c>phx_ref_prev</c>); the real client runs in compat/tests/realtime-presence.test.ts.
/// </summary>
public sealed class RealtimePresenceTests : ServerTest
{
    private static readonly JsonObject s_presence = new() { ["key"] = "ada" };

    [Fact]
    public async Task Join_WithPresenceConfig_RepliedOkThenPresenceState()
    {
        var topic = "realtime:" + NewOrgId();
        await using var socket = await JoinAsync(topic, new JsonObject { ["key"] = "ada" });

        var state = await socket.ReceiveAsync();

        Assert.Equal((topic, "presence_state", "{}"), (state.Topic, state.Event, state.Payload.ToJsonString()));
    }

    [Fact]
    public async Task Track_ThenUpdate_DiffsReachEveryMember_UpdateLeavesTheOldMeta()
    {
        var topic = "realtime:" + NewOrgId();
        await using var ada = await JoinAsync(topic, s_presence);
        await ada.ReceiveAsync(); // presence_state
        await using var bob = await JoinAsync(topic, new JsonObject { ["key"] = "bob" });
        await bob.ReceiveAsync();

        await Track(ada, topic, new JsonObject { ["status"] = "online" }, "2");
        Assert.Equal("ok", (await ada.ReceiveAsync()).Status);
        var joined = await bob.ReceiveAsync();
        var meta = joined.Payload["joins"]!["ada"]!["metas"]![0]!;
        Assert.Equal(("presence_diff", "online", "{}"),
            (joined.Event, meta["status"]!.GetValue<string>(), joined.Payload["leaves"]!.ToJsonString()));
        var firstRef = meta["phx_ref"]!.GetValue<string>();

        await Track(ada, topic, new JsonObject { ["status"] = "away" }, "3");
        var updated = await bob.ReceiveAsync();

        var newMeta = updated.Payload["joins"]!["ada"]!["metas"]![0]!;
        var oldMeta = updated.Payload["leaves"]!["ada"]!["metas"]![0]!;
        Assert.Equal(("away", firstRef, firstRef, "online"), (newMeta["status"]!.GetValue<string>(),
            newMeta["phx_ref_prev"]!.GetValue<string>(), oldMeta["phx_ref"]!.GetValue<string>(), oldMeta["status"]!.GetValue<string>()));
        Assert.NotEqual(firstRef, newMeta["phx_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task LateJoiner_GetsStateOfTrackedPresences_ThenLeaveWhenTheTrackerDisconnects()
    {
        var topic = "realtime:" + NewOrgId();
        var ada = await JoinAsync(topic, s_presence);
        await ada.ReceiveAsync();
        await Track(ada, topic, new JsonObject { ["device"] = "phone" }, "2");
        Assert.Equal("ok", (await ada.ReceiveAsync()).Status);

        await using var late = await JoinAsync(topic, new JsonObject { ["key"] = "" });
        var state = await late.ReceiveAsync();
        Assert.Equal("phone", state.Payload["ada"]!["metas"]![0]!["device"]!.GetValue<string>());

        await ada.DisposeAsync(); // the socket goes away without phx_leave
        var left = await late.ReceiveAsync();
        Assert.Equal(("presence_diff", "phone"), (left.Event, left.Payload["leaves"]!["ada"]!["metas"]![0]!["device"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Track_OnChannelJoinedWithoutPresence_RepliedErrorSayingHow()
    {
        var topic = "realtime:" + NewOrgId();
        await using var socket = await JoinAsync(topic, presence: null);

        await Track(socket, topic, new JsonObject { ["status"] = "online" }, "2");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("error", reply.Status);
        Assert.Contains("config.presence", reply.Response["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Track_WithoutPayloadObject_RepliedError()
    {
        var topic = "realtime:" + NewOrgId();
        await using var socket = await JoinAsync(topic, s_presence);
        await socket.ReceiveAsync();

        await socket.SendAsync(topic, "presence", new JsonObject { ["type"] = "presence", ["event"] = "track", ["payload"] = "online" }, "2", "1");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("error", reply.Status);
        Assert.Contains("payload object", reply.Response["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task Track(RealtimeSocket socket, string topic, JsonObject payload, string @ref) =>
        socket.SendAsync(topic, "presence", new JsonObject { ["type"] = "presence", ["event"] = "track", ["payload"] = payload }, @ref, "1");

    /// <summary>Joins (as anon, like a broadcast-only channel) and checks the ok reply.</summary>
    private async Task<RealtimeSocket> JoinAsync(string topic, JsonObject? presence)
    {
        var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        var config = new JsonObject();
        if (presence is not null)
        {
            config["presence"] = presence.DeepClone();
        }

        await socket.SendAsync(topic, "phx_join", new JsonObject { ["config"] = config }, "1", "1");
        Assert.Equal("ok", (await socket.ReceiveAsync()).Status);
        return socket;
    }
}
