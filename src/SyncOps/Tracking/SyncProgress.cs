using Npgsql;

namespace SyncOps.Tracking;

/// <summary>A row of <c>sync_progress</c>, with the fields the database calculated.</summary>
public sealed record SyncProgress(
    string OrgId,
    string SyncId,
    string EntityType,
    string SourceSystem,
    string Status,
    int TotalItems,
    int ProcessedCount,
    int FailedCount,
    int? CurrentItem,
    Guid? InitiatedBy,
    string? ErrorMessage,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? LastProgressAt,
    int? ElapsedSeconds,
    decimal? SpeedItemsPerMin,
    int? EtaSeconds)
{
    public bool IsRunning => Status == SyncStatus.Running;

    public int Done => ProcessedCount + FailedCount;

    internal const string Columns =
        "org_id, sync_id, entity_type, source_system, status, total_items, processed_count, failed_count, current_item, " +
        "initiated_by, error_message, started_at, updated_at, completed_at, last_progress_at, elapsed_seconds, " +
        "speed_items_per_min, eta_seconds";

    internal static SyncProgress Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetGuid(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        reader.IsDBNull(15) ? null : reader.GetInt32(15),
        reader.IsDBNull(16) ? null : reader.GetDecimal(16),
        reader.IsDBNull(17) ? null : reader.GetInt32(17));
}
