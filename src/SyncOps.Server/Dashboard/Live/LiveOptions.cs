namespace SyncOps.Server.Dashboard.Live;

/// <summary>How often the live path may push one sync, and how soon it looks again after pushing.</summary>
internal sealed class LiveOptions
{
    /// <summary>Each sync is sent to browsers at most once per this interval (a few updates per second).</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// After sending a running sync, read it once more this much later: the trigger stays quiet for 200 ms after a
    /// NOTIFY, and this trailing read is what shows the writes made in that window (above all a sync's last report).
    /// </summary>
    public TimeSpan TrailingRead { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The hub reads and sends in rounds at most this often: changes of many syncs travel together, so an open dashboard
    /// is woken a few times a second rather than once per change (with 200 syncs reporting, 200 times a second).
    /// 200 ms was tried (2026-12-03): side by side it cost more server CPU (15.3 vs 12.7 % of a core) and doubled p95
    /// latency (213 vs 109 ms), so rounds stay at 100 ms (docs/benchmarks.md).
    /// </summary>
    public TimeSpan RoundInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A comment line on idle streams, so proxies keep them open and dead clients are noticed.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
