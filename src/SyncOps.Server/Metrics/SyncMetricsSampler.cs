using System.Diagnostics.Metrics;
using Npgsql;
using SyncOps.Server.Dashboard.Live;

namespace SyncOps.Server.Metrics;

/// <summary>
/// The SyncOps meter. Sync counts come from the database (every writer — engine, SDK, REST, psql — lands there), read by
/// one query every <see cref="SampleInterval"/> rather than at each scrape, so scrapes stay cheap and never block on it.
/// </summary>
public sealed partial class SyncMetricsSampler : BackgroundService
{
    public const string MeterName = "SyncOps";
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private const string Sql =
        """
        select source_system, entity_type, count(*) filter (where status = 'running'),
               coalesce(sum(processed_count), 0), coalesce(sum(failed_count), 0)
        from public.sync_progress group by source_system, entity_type;
        select coalesce((select n_tup_ins + n_tup_upd from pg_stat_user_tables where relname = 'sync_progress' and schemaname = 'public'), 0)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SyncMetricsSampler> _logger;
    private volatile Sample _sample = new([], 0);

    public SyncMetricsSampler(NpgsqlDataSource dataSource, IMeterFactory meters, LiveHub hub, TimeProvider timeProvider, ILogger<SyncMetricsSampler> logger)
    {
        _dataSource = dataSource;
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
        await using var command = _dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new Sample(rows, reader.GetInt64(0));
    }

    private sealed record Row(string Source, string Entity, long Running, long Processed, long Failed);

    private sealed record Sample(IReadOnlyList<Row> Rows, long ProgressWrites);

    [LoggerMessage(Level = LogLevel.Warning, Message = "metrics: sampling sync_progress failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
