using System.Collections.Concurrent;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Every open socket of this server, broadcast between the members of a channel, and the fan-out of committed row
/// changes to the channels bound to them. Row-level security decides a change once per group of subscribers it treats
/// alike (<see cref="RlsViews"/>: per organisation set under SyncOps' membership policy, else per identity, as that
/// identity), each distinct frame is serialised once and its bytes shared (<see cref="ChangeMessage"/>), and the frames
/// leave in rounds, framed once for all the sockets due the same ones (<see cref="FramedBatch"/>).
/// </summary>
internal sealed partial class RealtimeHub : IDisposable
{
    private readonly ConcurrentDictionary<RealtimeConnection, byte> _connections = new();
    private readonly SeenRows _seen = new();
    private readonly RowVisibility _rows;
    private readonly RlsViews _views;
    private readonly ChangeFeedRunner _feed;
    private readonly ILogger<RealtimeHub> _logger;
    // Deliveries one at a time, in commit order, whether from the feed or from the coalescer's timer.
    private readonly SemaphoreSlim _dispatch = new(1, 1);
    private readonly ChangeCoalescer _coalescer;
    private readonly ITimer _flushTimer;
    private readonly ITimer _roundTimer;
    private bool _flushArmed;

    public RealtimeHub(RowVisibility rows, RlsViews views, ChangeFeedRunner feed, TimeProvider time, ILogger<RealtimeHub> logger)
    {
        _rows = rows;
        _views = views;
        _feed = feed;
        _logger = logger;
        _coalescer = new ChangeCoalescer(time);
        _flushTimer = time.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _roundTimer = time.CreateTimer(_ => _ = SendRoundAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Add(RealtimeConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(RealtimeConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Null when changes can be delivered, else why not (for the join's error reply).</summary>
    public Task<string?> EnsureChangeFeedAsync(CancellationToken cancellationToken) => _feed.EnsureStartedAsync(DispatchAsync, cancellationToken);

    /// <summary>Relays a client's broadcast to the channel's other members (and to itself when it asked for self).</summary>
    public void Broadcast(ChannelSubscription from, PhoenixMessage message)
    {
        var frame = new PhoenixMessage(from.Topic, "broadcast", message.Payload?.DeepClone(), null, null);
        foreach (var channel in Subscriptions().Where(c => c.Topic == from.Topic && (c != from || from.BroadcastSelf)))
        {
            channel.Connection.Send(frame with { JoinRef = channel.JoinRef });
        }

        if (from.BroadcastAck)
        {
            from.Connection.Send(message.Reply("ok", null));
        }
    }

    private async Task DeliverAllAsync(IReadOnlyList<RowChange> changes)
    {
        // Subscribers are grouped once per table per round (RealtimeHub.Rounds), as they are when the round is sent:
        // one that joined during the round also gets the round's earlier changes (at most RoundInterval older than its
        // join); one that left or whose token no longer lets it read a row does not get it.
        var groups = new Dictionary<(string Schema, string Table), List<SubscriberGroup>>();
        foreach (var change in changes)
        {
            if (!groups.TryGetValue((change.Schema, change.Table), out var tableGroups))
            {
                groups[(change.Schema, change.Table)] = tableGroups = await GroupAsync(change.Schema, change.Table);
            }

            await DeliverAsync(change, tableGroups);
            if (change.Type == "DELETE")
            {
                _seen.Forget(change.RowKey);
            }
        }
    }

    private IEnumerable<ChannelSubscription> Subscriptions() => _connections.Keys.SelectMany(c => c.Channels.Values);

    public void Dispose()
    {
        _flushTimer.Dispose();
        _roundTimer.Dispose();
        _dispatch.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "realtime: delivering coalesced updates failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "realtime: could not read a changed row of {Schema}.{Table}")]
    private static partial void LogReadFailed(ILogger logger, string schema, string table, Exception exception);
}
