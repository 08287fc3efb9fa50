namespace SyncOps.Server.Realtime;

/// <summary>
/// One <c>postgres_changes</c> message encoded once (<see cref="ChangeMessage"/>) and shared by every socket it goes
/// to. <see cref="Id"/> tells frames apart within a round of the hub, so that sockets due the same frames in the same
/// order can share one <see cref="FramedBatch"/>.
/// </summary>
internal sealed class EncodedFrame(ReadOnlyMemory<byte> payload)
{
    private static long s_next;

    public long Id { get; } = Interlocked.Increment(ref s_next);

    /// <summary>The message's JSON (the WebSocket payload).</summary>
    public ReadOnlyMemory<byte> Payload { get; } = payload;
}
