using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace SyncOps.Server.Realtime;

/// <summary>
/// One client's WebSocket: reads Phoenix frames and hands them to <see cref="RealtimeProtocol"/>, and writes what the
/// hub sends through one queue, so that frames from several threads never interleave. A client that cannot keep up
/// (its queue full) is disconnected rather than silently missing changes; realtime-js then reconnects. A client that
/// sends nothing, heartbeats included, for <paramref name="idleTimeout"/> is cut off, as Phoenix's transport timeout does:
/// its socket may be half-open (a laptop gone to sleep) and would otherwise hold its channels and presences forever.
/// </summary>
internal sealed class RealtimeConnection(
    WebSocket socket, string? apiKey, BatchingStream? batching, TimeProvider time, TimeSpan idleTimeout)
{
    /// <summary>
    /// How long the writer lets frames gather after the first one before sending them together (one socket write for
    /// all, through <see cref="BatchingStream"/>): with 200 changes a second, a few frames per write instead of one.
    /// </summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(25);

    private const int QueueLimit = 4096;
    private const int MaxFrameBytes = 1024 * 1024;
    // A message to send, or a batch of change messages already framed by the hub (RealtimeHub.Rounds).
    private readonly Channel<(ReadOnlyMemory<byte> Message, FramedBatch? Batch)> _outbox = Channel.CreateBounded<(ReadOnlyMemory<byte>, FramedBatch?)>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Set by Close: the writer ends with this close frame, and frames queued after it are dropped, not a reason to abort.
    private volatile Tuple<WebSocketCloseStatus, string>? _closing;

    /// <summary>The key from the URL (<c>?apikey=</c>): who the socket is before a join brings an access token.</summary>
    public string? ApiKey { get; } = apiKey;

    /// <summary>Whether the socket was cut off for sending nothing for the idle timeout.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Joined channels by topic.</summary>
    public ConcurrentDictionary<string, ChannelSubscription> Channels { get; } = new(StringComparer.Ordinal);

    public void Send(PhoenixMessage message) => Send(Encoding.UTF8.GetBytes(message.Serialize()));

    /// <summary>Queues an encoded frame; the same bytes may be queued on many sockets (see <see cref="ChangeMessage"/>).</summary>
    public void Send(ReadOnlyMemory<byte> frame) => Enqueue((frame, null));

    /// <summary>Queues a round of change messages; the batch is shared with other sockets and sent without a wait.</summary>
    public void Send(FramedBatch batch) => Enqueue((default, batch));

    private void Enqueue((ReadOnlyMemory<byte>, FramedBatch?) item)
    {
        if (_closing is not null)
        {
            return;
        }

        if (!_outbox.Writer.TryWrite(item))
        {
            _outbox.Writer.TryComplete();
            socket.Abort();
        }
    }

    /// <summary>
    /// Sends what is queued, then a close frame (the server is stopping): realtime-js sees the close at once and starts
    /// reconnecting, instead of after the host's shutdown timeout cuts the connection.
    /// </summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        _closing = Tuple.Create(status, reason);
        _outbox.Writer.TryComplete();
    }

    public async Task RunAsync(RealtimeProtocol protocol, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Aborting is all that is left for a client that sent nothing: it is not reading either, or it would have sent.
        using var idle = time.CreateTimer(_ => { TimedOut = true; socket.Abort(); }, null, idleTimeout, Timeout.InfiniteTimeSpan);
        var writer = WriteLoopAsync(stop.Token);
        try
        {
            await ReadLoopAsync(protocol, idle, stop.Token);
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await stop.CancelAsync();
            await writer;
        }
    }

    private async Task ReadLoopAsync(RealtimeProtocol protocol, ITimer idle, CancellationToken cancellationToken)
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

            idle.Change(idleTimeout, Timeout.InfiniteTimeSpan);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // After our own close frame (Close) this is the client's answer, and the socket is closed already.
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return;
            }

            if (PhoenixMessage.Parse(buffer.WrittenSpan) is { } message)
            {
                await protocol.HandleAsync(this, message, cancellationToken);
            }
        }
    }

    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        while (_outbox.Reader.TryRead(out var item))
        {
            if (item.Batch is null)
            {
                await socket.SendAsync(item.Message, WebSocketMessageType.Text, true, cancellationToken);
            }
            else if (batching is null)
            {
                foreach (var message in item.Batch.Payloads)
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken);
                }
            }
            else if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Whole frames, written beside the WebSocket's own (it writes each of its frames in one write, and the
                // stream serialises writes), so frames never interleave; never after our close frame.
                await batching.WriteFramesAsync(item.Batch.Framed, cancellationToken);
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(cancellationToken))
            {
                if (batching is null)
                {
                    await SendQueuedAsync(cancellationToken);
                    continue;
                }

                // A hub round was gathered already (RealtimeHub.RoundInterval): no second wait for it.
                if (!_outbox.Reader.TryPeek(out var first) || first.Batch is null)
                {
                    await Task.Delay(BatchWindow, time, cancellationToken);
                }

                batching.BeginBatch();
                try
                {
                    await SendQueuedAsync(cancellationToken);
                }
                finally
                {
                    await batching.EndBatchAsync(cancellationToken);
                }
            }

            if (_closing is { } closing && socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(closing.Item1, closing.Item2, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away: nothing left to tell it.
        }
    }
}
