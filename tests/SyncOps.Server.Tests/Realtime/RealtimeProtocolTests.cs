using System.Text.Json.Nodes;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>
/// /realtime/v1/websocket spoken frame by frame as realtime-js 2.11 speaks it (reference: realtime-and-auth.md); the
/// real client runs against it in compat/tests/realtime.test.ts.
/// </summary>
public sealed class RealtimeProtocolTests : ServerTest
{
    [Fact]
    public async Task Heartbeat_OnPhoenixTopic_RepliedOk()
    {
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.SendAsync("phoenix", "heartbeat", new JsonObject(), "1");

        var reply = await socket.ReceiveAsync();

        Assert.Equal(("phoenix", "phx_reply", "1", "ok"), (reply.Topic, reply.Event, reply.Ref, reply.Status));
    }

    [Fact]
    public async Task Join_WithForgedToken_RepliedErrorWithReason()
    {
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.JoinAsync("realtime:x", "not-a-jwt", [("*", "sync_progress", null)]);

        var reply = await socket.ReceiveAsync();

        Assert.Equal("error", reply.Status);
        Assert.StartsWith("unauthorized", reply.Response["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org_id=like.x", "operator like")]
    [InlineData("org_id", "expected column=operator.value")]
    public async Task Join_WithUnsupportedFilter_RepliedErrorSayingWhy(string filter, string because)
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.JoinAsync("realtime:f", token, [("*", "sync_progress", filter)]);

        var reply = await socket.ReceiveAsync();

        Assert.Equal("error", reply.Status);
        Assert.Contains(because, reply.Response["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_OfOwnOrganisation_Delivered_OtherOrganisations_Never()
    {
        var org = NewOrgId();
        var other = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.JoinAsync("realtime:syncs", token, [("*", "sync_progress", null)]);
        var join = await socket.ReceiveAsync();
        Assert.Equal("ok", join.Status);
        var bindingId = join.Response["postgres_changes"]![0]!["id"]!.GetValue<int>();

        await InsertSyncAsync(other, "hidden-sync");
        await InsertSyncAsync(org, "visible-sync");
        var change = await socket.ReceiveAsync();

        Assert.Equal("postgres_changes", change.Event);
        var data = change.Payload["data"]!;
        Assert.Equal(bindingId, change.Payload["ids"]![0]!.GetValue<int>());
        Assert.Equal(("INSERT", "visible-sync", org), (data["type"]!.GetValue<string>(),
            data["record"]!["sync_id"]!.GetValue<string>(), data["record"]!["org_id"]!.GetValue<string>()));
    }
}
