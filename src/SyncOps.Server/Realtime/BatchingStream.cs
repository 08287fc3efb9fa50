using System.Buffers;

namespace SyncOps.Server.Realtime;

/// <summary>
/// The upgraded connection under a realtime WebSocket. Kestrel sends each write at once, so every WebSocket frame
/// would cost a socket send; between <see cref="BeginBatch"/> and <see cref="EndBatchAsync"/> the frames the
/// connection's writer sends are gathered here and go out in one write. Outside a batch (control frames such as
/// pongs, pings and close) writes pass straight through. Writes to the inner stream never overlap.
/// </summary>
internal sealed class BatchingStream(Stream inner) : Stream
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private bool _batching;

    public void BeginBatch()
    {
        lock (_gate)
        {
            _batching = true;
        }
    }

    /// <summary>
    /// Sends what the batch gathered. The buffer is written as is, without a copy: only the writer that began the batch
    /// adds to it, and it begins the next one after this returns; writes meanwhile (a pong) pass straight through.
    /// </summary>
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batching = false;
        }

        try
        {
            if (_buffer.WrittenCount > 0)
            {
                await WriteThroughAsync(_buffer.WrittenMemory, cancellationToken);
            }
        }
        finally
        {
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>
    /// Writes whole, already framed WebSocket frames (a hub round, shared by many sockets) without copying them into the
    /// batch when nothing is gathered before them: with 50 sockets per round, that copy was most of the round's memmove.
    /// Anything gathered before them goes first, so frames keep their order.
    /// </summary>
    public async ValueTask WriteFramesAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_batching && _buffer.WrittenCount > 0)
            {
                _buffer.Write(frames.Span);
                return;
            }
        }

        await WriteThroughAsync(frames, cancellationToken);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_batching)
            {
                _buffer.Write(buffer.Span);
                return;
            }
        }

        await WriteThroughAsync(buffer, cancellationToken);
    }

    private async Task WriteThroughAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _write.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask; // every write flushes

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

    public override void Flush()
    {
        // every write flushes
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _write.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
