namespace SyncOps.Reports;

/// <summary>A row of the guide's "Find Slow Syncs".</summary>
public sealed record SlowSyncRow(
    string SyncId, string EntityType, string SourceSystem, string Status, int ProcessedCount,
    decimal SpeedItemsPerMin, int? ElapsedSeconds, decimal? SecondsPerItem);

/// <summary>A row of the corrected "Find Failed Syncs".</summary>
public sealed record FailedSyncRow(
    string? SyncId, string? EntityType, string Status, long ErrorCount, string? ErrorMessage, DateTimeOffset LastSeenAt);

/// <summary>A row of the guide's "Sync Duration Trends".</summary>
public sealed record DurationTrendRow(
    string? EntityType, long SyncCount, decimal? AvgDurationSec, decimal? MaxDurationSec, long? TotalRecords);
