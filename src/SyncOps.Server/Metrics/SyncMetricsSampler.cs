using System.Diagnostics.Metrics;
using Npgsql;
using SyncOps.Server.Dashboard.Live;
using SyncOps.Tracking;

namespace SyncOps.Server.Metrics;

/// <summary>
/// The SyncOps meter. Sync counts come from the database (every writer — engine, SDK, REST, psql — lands there), read by
/// one query every <see cref="SampleInterval"/> rather than at each scrape, so scrapes stay cheap and never block on it.
/// </summary>
internal sealed partial class SyncMetricsSampler : BackgroundService
{
    public const string MeterName = "SyncOps";
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private readonly SyncTracker _tracker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SyncMetricsSampler> _logger;
    private volatile Sample _sample = new([], 0);

    public SyncMetricsSampler(SyncTracker tracker, IMeterFactory meters, LiveHub hub, TimeProvider timeProvider, ILogger<SyncMetricsSampler> logger)
    {
        _tracker = tracker;
        _timeProvider = timeProvider;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("syncops.syncs.running", () => Measure(r => r.Running), "{sync}", "Syncs running now");
        meter.CreateObservableCounter("syncops.items.processed", () => Measure(r => r.Processed), "{item}", "Items processed, per source and entity");
        meter.CreateObservableCounter("syncops.items.failed", () => Measure(r => r.Failed), "{item}", "Items failed, per source and entity");
        meter.CreateObservableCounter("syncops.progress.writes", () => _sample.ProgressWrites, "{write}", "Inserts and updates of sync_progress");
        meter.CreateObservableGauge("syncops.live.subscribers", () => hub.SubscriberCount, "{connection}", "Open dashboard event streams");
    }

    private IEnumerable<Measurement<long>> Measure(Func<Row, long> value) =>
        _sample.Rows.Select(r => new Measurement<long>(value(r),
            new KeyValuePair<string, object?>("source", r.Source), new KeyValuePair<string, object?>("entity", r.Entity)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _sample = await ReadAsync(stoppingToken);
                await Task.Delay(SampleInterval, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                LogSampleFailed(_logger, e);
                await Task.Delay(SampleInterval, _timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<Sample> ReadAsync(CancellationToken ct)
    {
        var totals = await _tracker.GetTotalsAsync(ct);
        return new Sample(totals.Rows.Select(r => new Row(r.Source, r.Entity, r.Running, r.Processed, r.Failed)).ToList(), totals.ProgressWrites);
    }

    private sealed record Row(string Source, string Entity, long Running, long Processed, long Failed);

    private sealed record Sample(IReadOnlyList<Row> Rows, long ProgressWrites);

    [LoggerMessage(Level = LogLevel.Warning, Message = "metrics: sampling sync_progress failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
