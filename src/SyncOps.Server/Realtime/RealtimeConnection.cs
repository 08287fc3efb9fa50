using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace SyncOps.Server.Realtime;

/// <summary>
/// One client's WebSocket: reads Phoenix frames and hands them to <see cref="RealtimeProtocol"/>, and writes what the
/// hub sends through one queue, so that frames from several threads never interleave. A client that cannot keep up
/// (its queue full) is disconnected rather than silently missing changes; realtime-js then reconnects and rejoins.
/// </summary>
internal sealed class RealtimeConnection(WebSocket socket, string? apiKey)
{
    private const int QueueLimit = 4096;
    private const int MaxFrameBytes = 1024 * 1024;
    private readonly Channel<ReadOnlyMemory<byte>> _outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The key from the URL (<c>?apikey=</c>): who the socket is before a join brings an access token.</summary>
    public string? ApiKey { get; } = apiKey;

    /// <summary>Joined channels by topic.</summary>
    public ConcurrentDictionary<string, ChannelSubscription> Channels { get; } = new(StringComparer.Ordinal);

    public void Send(PhoenixMessage message) => Send(Encoding.UTF8.GetBytes(message.Serialize()));

    /// <summary>Queues an encoded frame; the same bytes may be queued on many sockets (see <see cref="ChangeMessage"/>).</summary>
    public void Send(ReadOnlyMemory<byte> frame)
    {
        if (!_outbox.Writer.TryWrite(frame))
        {
            _outbox.Writer.TryComplete();
            socket.Abort();
        }
    }

    public async Task RunAsync(RealtimeProtocol protocol, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteLoopAsync(stop.Token);
        try
        {
            await ReadLoopAsync(protocol, stop.Token);
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await stop.CancelAsync();
            await writer;
        }
    }

    private async Task ReadLoopAsync(RealtimeProtocol protocol, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxFrameBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "frame too large", cancellationToken);
                    return;
                }
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            if (PhoenixMessage.Parse(buffer.WrittenSpan) is { } message)
            {
                await protocol.HandleAsync(this, message, cancellationToken);
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away: nothing left to tell it.
        }
    }
}
