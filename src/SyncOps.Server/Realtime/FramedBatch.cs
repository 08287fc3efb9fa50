namespace SyncOps.Server.Realtime;

/// <summary>
/// A round's change messages for a socket, as complete WebSocket text frames one after the other (<see cref="Framed"/>),
/// built once and written as is to every socket due the same messages. A frame the server sends is not masked (RFC 6455
/// section 5.1), so its bytes do not depend on the socket. <see cref="Payloads"/>: the same messages one by one, for a
/// socket whose stream the server cannot write to directly (no <see cref="BatchingStream"/>).
/// </summary>
internal sealed class FramedBatch
{
    public FramedBatch(IReadOnlyList<EncodedFrame> frames)
    {
        var length = 0;
        foreach (var frame in frames)
        {
            length += WebSocketFraming.HeaderLength(frame.Payload.Length) + frame.Payload.Length;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(length); // every byte is written below
        var at = 0;
        var payloads = new ReadOnlyMemory<byte>[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            var payload = frames[i].Payload;
            at += WebSocketFraming.WriteTextHeader(bytes.AsSpan(at), payload.Length);
            payload.Span.CopyTo(bytes.AsSpan(at));
            at += payload.Length;
            payloads[i] = payload;
        }

        Framed = bytes;
        Payloads = payloads;
    }

    public ReadOnlyMemory<byte> Framed { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Payloads { get; }
}
