namespace SyncOps.Engine;

/// <summary>Engine tuning. Defaults suit production; tests shrink the intervals.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// Records per write transaction (several pages are merged). Larger batches amortise the commit; the checkpoint moves
    /// with each batch.
    /// </summary>
    public int WriteBatchSize { get; init; } = 1000;

    /// <summary>
    /// Batches written at once, each on its own connection (they still commit in order). Two keep both of a small
    /// machine's cores busy: PostgreSQL ingesting one batch while the next is prepared and sent.
    /// </summary>
    public int Writers { get; init; } = 2;

    /// <summary>
    /// A batch is written before it is full only when the writers are idle, the next page has not arrived, and it
    /// has waited this long: a slow source still shows progress, a fast one fills batches.
    /// </summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long batches with nothing to write (all unchanged) may go without saving the checkpoint: an unchanged re-run
    /// then writes almost nothing, and a resume re-reads at most this much of unchanged records.
    /// </summary>
    public TimeSpan UnchangedCheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far before the watermark an incremental run starts: WooCommerce dates have 1 s granularity and Odoo stamps
    /// write_date at transaction start (connectors.md §1.4, §2.6). Rows read twice are skipped by hash.
    /// </summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a running sync checks whether it was cancelled (the issue asks for "within a second").</summary>
    public TimeSpan CancelPollInterval { get; init; } = TimeSpan.FromMilliseconds(400);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay between tries when the database is unreachable (a restart): grows to 2 s, gives up after ~40 s.</summary>
    public TimeSpan DatabaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Passes over the source before a scan that keeps failing its checks ends the sync as failed (see ScanIntegrity).</summary>
    public int MaxScanPasses { get; init; } = 3;

    /// <summary>Runs of a queued job that failed transiently (see SourceException.Transient) before it is failed for good.</summary>
    public int MaxJobAttempts { get; init; } = 5;

    /// <summary>Wait before a transiently failed job runs again, times its attempts so far (an open circuit needs time to close).</summary>
    public TimeSpan JobRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
