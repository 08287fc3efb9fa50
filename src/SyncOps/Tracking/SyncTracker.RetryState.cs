using SyncOps.Database;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    /// <summary>
    /// The organisation's running syncs that are waiting to retry their source, with the connection the engine tagged
    /// them with (so a caller that started a sync can find its row before the first progress report names it).
    /// </summary>
    public async Task<IReadOnlyList<SyncRetryState>> GetRetriesAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select sync_id, entity_type, (metadata ->> 'connection_id')::uuid,
                   (metadata -> 'retry' ->> 'attempt')::int, (metadata -> 'retry' ->> 'max_attempts')::int,
                   metadata -> 'retry' ->> 'reason', (metadata -> 'retry' ->> 'next_attempt_at')::timestamptz
            from public.sync_progress
            where org_id = $1 and status = 'running' and metadata ? 'retry'
            """);
        return await command.AddValues(orgId).ReadAllAsync(reader => new SyncRetryState(
            reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
            reader.GetInt32(3), reader.GetInt32(4), reader.IsDBNull(5) ? "retrying" : reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
    }
}
