using System.Net.WebSockets;
using System.Text;
using SyncOps.Server.Realtime;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>
/// The frames the hub writes to sockets itself, read back by .NET's own WebSocket client: every length encoding
/// (7-bit, 16-bit and 64-bit) and several messages back to back come out as the same separate text messages.
/// </summary>
public sealed class FramedBatchTests
{
    [Fact]
    public async Task EveryLengthForm_ReadByARealWebSocketClient_AsSeparateTextMessagesInOrder()
    {
        // 125 and 126, 65535 and 65536: the edges between the three length forms of RFC 6455 section 5.2.
        var lengths = new[] { 0, 1, 125, 126, 127, 65_535, 65_536, 70_000 };
        var payloads = lengths.Select((length, i) => Encoding.UTF8.GetBytes(new string((char)('a' + i), length))).ToList();
        var batch = new FramedBatch(payloads.Select(p => new EncodedFrame(p)).ToList());

        using var client = WebSocket.CreateFromStream(
            new MemoryStream(batch.Framed.ToArray()), new WebSocketCreationOptions { IsServer = false });
        foreach (var expected in payloads)
        {
            var received = new MemoryStream();
            var buffer = new byte[8192];
            ValueWebSocketReceiveResult result;
            do
            {
                result = await client.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                Assert.Equal(WebSocketMessageType.Text, result.MessageType);
                received.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            Assert.Equal(expected, received.ToArray());
        }

        Assert.Equal(payloads, batch.Payloads.Select(p => p.ToArray()));
    }
}
