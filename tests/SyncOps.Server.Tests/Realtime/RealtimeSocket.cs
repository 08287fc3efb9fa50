using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>A WebSocket client speaking realtime-js 2.11's frames one by one (the real client runs in compat/).</summary>
internal sealed class RealtimeSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public static async Task<RealtimeSocket> ConnectAsync(TestServer server, string apiKey)
    {
        var socket = new ClientWebSocket();
        var url = new UriBuilder(server.Http.BaseAddress!) { Scheme = "ws", Path = "/realtime/v1/websocket", Query = $"apikey={apiKey}&vsn=1.0.0" };
        await socket.ConnectAsync(url.Uri, CancellationToken.None);
        return new RealtimeSocket(socket);
    }

    public Task SendAsync(string topic, string @event, JsonObject payload, string @ref, string? joinRef = null) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["topic"] = topic, ["event"] = @event, ["payload"] = payload, ["ref"] = @ref, ["join_ref"] = joinRef,
        }.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task JoinAsync(string topic, string token, (string Event, string Table, string? Filter)[] bindings)
    {
        var changes = new JsonArray();
        foreach (var (@event, table, filter) in bindings)
        {
            var binding = new JsonObject { ["event"] = @event, ["schema"] = "public", ["table"] = table };
            if (filter is not null)
            {
                binding["filter"] = filter;
            }

            changes.Add(binding);
        }

        return SendAsync(topic, "phx_join", new JsonObject
        {
            ["config"] = new JsonObject { ["postgres_changes"] = changes },
            ["access_token"] = token,
        }, "1", "1");
    }

    /// <summary>The next frame; fails the test after 10 s (a lost frame, not a slow one).</summary>
    public async Task<RealtimeFrame> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
        return new RealtimeFrame(json["topic"]!.GetValue<string>(), json["event"]!.GetValue<string>(),
            (JsonObject)json["payload"]!, json["ref"]?.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        await Task.CompletedTask;
    }
}
