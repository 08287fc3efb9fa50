using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// One open dashboard (one SSE response). Updates wait in <see cref="_pending"/> keyed by sync, so a slow browser gets
/// the latest state of each sync rather than a growing queue of stale ones.
/// </summary>
internal sealed class LiveSubscriber(IReadOnlySet<string> orgIds)
{
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public IReadOnlySet<string> OrgIds { get; } = orgIds;

    public void Offer(string key, string json)
    {
        _pending[key] = json;
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for updates (or the timeout, for keep-alives) and takes every pending one.</summary>
    public async Task<List<string>> TakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        var taken = new List<string>(_pending.Count);
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var json))
            {
                taken.Add(json);
            }
        }

        return taken;
    }
}
