using System.Threading.Channels;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// One open dashboard (one SSE response). It receives the hub's frames as shared, already encoded bytes (one buffer
/// per organisation per round, the same instance for every dashboard of that organisation) and only writes them out.
/// A browser that falls <see cref="QueueLimit"/> rounds behind is cut off rather than queued without bound: its
/// EventSource reconnects and starts again from a fresh snapshot, which is cheaper than replaying stale rounds.
/// </summary>
internal sealed class LiveSubscriber(IReadOnlySet<string> orgIds) : IDisposable
{
    /// <summary>Rounds a slow browser may fall behind (at least 100 ms each, so several seconds).</summary>
    public const int QueueLimit = 64;

    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Used by the one stream that takes from this subscriber (TakeAsync is never called concurrently).
    private CancellationTokenSource? _wait;

    public IReadOnlySet<string> OrgIds { get; } = orgIds;

    /// <summary>Queues a round's frames; on overflow the stream is ended (see the class remarks).</summary>
    public void Offer(ReadOnlyMemory<byte> frames)
    {
        if (!_frames.Writer.TryWrite(frames))
        {
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Waits for frames (or the timeout, for keep-alives: then empty) and takes every queued one; null when the stream
    /// was cut off for falling behind.
    /// </summary>
    public async Task<List<ReadOnlyMemory<byte>>?> TakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // One timer source for the stream's life, reset after each wake-up, instead of a new linked source and timer
        // ten times a second per dashboard; a new one only after it fired (a keep-alive, every 15 s at most).
        if (_wait is null || !_wait.TryReset())
        {
            _wait?.Dispose();
            _wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        _wait.CancelAfter(timeout);
        try
        {
            if (!await _frames.Reader.WaitToReadAsync(_wait.Token))
            {
                return null;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        var taken = new List<ReadOnlyMemory<byte>>();
        while (_frames.Reader.TryRead(out var frames))
        {
            taken.Add(frames);
        }

        return taken;
    }

    public void Dispose() => _wait?.Dispose();
}
