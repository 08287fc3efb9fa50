using System.Threading.Channels;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// Fetches pages ahead of the writer: up to <c>prefetch</c> requests in flight, handed out strictly in offset order
/// through a bounded channel, so memory stays flat (at most prefetch pages) however large the sync. It stops at the
/// source's total (re-read from every page, since a store grows while we page) or at the first short page.
/// </summary>
internal sealed class PagePrefetcher : IAsyncDisposable
{
    private readonly ISourceConnector _connector;
    private readonly string _entity;
    private readonly SourceWindow _window;
    private readonly Channel<Task<SourcePage>> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;
    private int _total = -1;
    private volatile bool _endSeen;

    private PagePrefetcher(ISourceConnector connector, string entity, SourceWindow window, int offset, int prefetch, CancellationToken cancellationToken)
    {
        _connector = connector;
        _entity = entity;
        _window = window;
        _channel = Channel.CreateBounded<Task<SourcePage>>(new BoundedChannelOptions(Math.Max(1, prefetch)) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _producer = Task.Run(() => ProduceAsync(offset, _stop.Token), CancellationToken.None);
    }

    /// <summary>Where the cursor ends as of the latest page: the source's total, or the highest id for id ranges (-1 before the first).</summary>
    public int Total => Volatile.Read(ref _total);

    public static PagePrefetcher Start(ISourceConnector connector, string entity, SourceWindow window, int offset, int prefetch, CancellationToken cancellationToken) =>
        new(connector, entity, window, offset, prefetch, cancellationToken);

    /// <summary>Whether the next page has already arrived (the writer may keep batching instead of flushing).</summary>
    public bool NextReady => _channel.Reader.TryPeek(out var next) && next.IsCompleted;

    /// <summary>The next page in order, or null after the last one. A page that failed after its retries throws here.</summary>
    public async ValueTask<SourcePage?> NextAsync(CancellationToken cancellationToken)
    {
        if (!await _channel.Reader.WaitToReadAsync(cancellationToken) || !_channel.Reader.TryRead(out var page))
        {
            return null;
        }

        return await page;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _producer;
        while (_channel.Reader.TryRead(out var pending))
        {
            // Observe abandoned fetches so their failures are not unobserved task exceptions.
            try
            {
                await pending;
            }
            catch (Exception e) when (e is OperationCanceledException or SyncOpsException or HttpRequestException or System.Text.Json.JsonException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(int offset, CancellationToken cancellationToken)
    {
        Task<SourcePage>? last = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested && !_endSeen)
            {
                if (last is not null && (Total < 0 || offset >= Total))
                {
                    // Unknown or reached total: wait for the newest page before deciding whether there is more.
                    try
                    {
                        await last;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        return; // the reader gets the failure from the same task
                    }

                    if (_endSeen || offset >= Total)
                    {
                        return;
                    }
                }

                last = FetchAsync(offset, cancellationToken);
                await _channel.Writer.WriteAsync(last, cancellationToken);
                offset += _connector.PageSize;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }

    private async Task<SourcePage> FetchAsync(int offset, CancellationToken cancellationToken)
    {
        var page = await _connector.FetchPageAsync(_entity, _window, offset, cancellationToken);
        // Id ranges end at the highest id, not at the row count.
        Volatile.Write(ref _total, page.End ?? page.Total);
        if (page.Consumed < _connector.PageSize)
        {
            _endSeen = true;
        }

        return page;
    }
}
