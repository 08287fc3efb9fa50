namespace SyncOps.Server.Realtime;

/// <summary>
/// Change messages leave in rounds: for <see cref="RoundInterval"/> after the first one, the messages due to each socket
/// are gathered; then every socket due the same messages in the same order (with 50 dashboards of one organisation: all
/// of them) gets the same <see cref="FramedBatch"/>, built once: one queue entry and one socket write per socket per
/// round, instead of one WebSocket send per message per socket. Each change is still one message per client, as
/// realtime-js needs.
/// </summary>
internal sealed partial class RealtimeHub
{
    /// <summary>
    /// How long a round gathers changes before they go out (their added latency, at most). 100 ms: a socket write per
    /// socket costs the same however many messages it carries, so longer rounds are cheaper; p95 commit-to-callback stays
    /// well under issue 11's 250 ms (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan RoundInterval = TimeSpan.FromMilliseconds(100);

    // The round's changes in commit order, delivered when it is sent (under the dispatch lock).
    private readonly List<RowChange> _pending = [];
    private readonly Dictionary<RealtimeConnection, List<EncodedFrame>> _round = [];
    private bool _roundArmed;

    /// <summary>Adds changes to this round, arming its timer at the first (under the dispatch lock).</summary>
    private void Pend(List<RowChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        _pending.AddRange(changes);
        if (!_roundArmed)
        {
            _roundArmed = true;
            _roundTimer.Change(RoundInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds a message to the socket's share of this round (under the dispatch lock).</summary>
    private void Queue(RealtimeConnection connection, EncodedFrame frame)
    {
        if (!_round.TryGetValue(connection, out var frames))
        {
            _round[connection] = frames = [];
        }

        frames.Add(frame);
    }

    private async Task SendRoundAsync()
    {
        await _dispatch.WaitAsync();
        try
        {
            _roundArmed = false;
            // The whole round's changes are delivered here, not each commit's as it arrives: subscribers are grouped
            // once per round (with 200 commits a second, 10 times instead of 200), and a round with nothing in it costs
            // nothing, since the timer is armed only by a change.
            var changes = _pending.ToArray();
            _pending.Clear();
            await DeliverAllAsync(changes);
            var batches = new Dictionary<string, FramedBatch>(StringComparer.Ordinal);
            foreach (var (connection, frames) in _round)
            {
                var key = frames.Count == 1 ? frames[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Join(',', frames.Select(f => f.Id));
                if (!batches.TryGetValue(key, out var batch))
                {
                    batches[key] = batch = new FramedBatch(frames);
                }

                connection.Send(batch);
            }
        }
        catch (Exception e)
        {
            LogRoundFailed(_logger, e); // a timer callback has nobody to throw to
        }
        finally
        {
            _round.Clear();
            _dispatch.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "realtime: sending a round of changes failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
