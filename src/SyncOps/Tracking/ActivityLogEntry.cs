using Npgsql;

namespace SyncOps.Tracking;

/// <summary>A row of <c>sync_activity_log</c>.</summary>
public sealed record ActivityLogEntry(
    long Id,
    string OrgId,
    string? SyncId,
    string? EntityType,
    string? SourceSystem,
    string Action,
    string? Status,
    int? RecordCount,
    int? FailedCount,
    string? ErrorMessage,
    string? ExternalId,
    Guid? UserId,
    decimal? DurationSeconds,
    DateTimeOffset CreatedAt)
{
    internal const string Columns =
        "id, org_id, sync_id, entity_type, source_system, action, status, record_count, failed_count, error_message, " +
        "external_id, user_id, duration_seconds, created_at";

    internal static ActivityLogEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetGuid(11),
        reader.IsDBNull(12) ? null : reader.GetDecimal(12),
        reader.GetFieldValue<DateTimeOffset>(13));
}
