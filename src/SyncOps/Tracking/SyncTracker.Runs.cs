using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    /// <summary>The sync's status alone (what the engine's watcher polls), or null when the row does not exist.</summary>
    public async Task<string?> GetStatusAsync(string orgId, string syncId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select status from public.sync_progress where org_id = $1 and sync_id = $2");
        command.AddValues(orgId, syncId);
        return await ExecuteAsync(() => command.ExecuteScalarAsync(cancellationToken)) as string;
    }

    /// <summary>
    /// Records in the row's metadata which connection and checkpoint an engine run starts from: the dashboard shows the
    /// connection, and a later run finds this one by it when its process was killed (<see cref="FailInterruptedAsync"/>).
    /// </summary>
    public Task<SyncProgress> TagRunAsync(
        string orgId, string syncId, Guid connectionId, int resumedFromOffset, DateTimeOffset? since,
        CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"""
            update public.sync_progress
            set metadata = metadata || jsonb_build_object('connection_id', $3::text, 'resumed_from_offset', $4::int, 'since', $5::timestamptz)
            where org_id = $1 and sync_id = $2
            returning {SyncProgress.Columns}
            """,
            orgId, syncId, cancellationToken, connectionId.ToString(), resumedFromOffset,
            SqlParameters.Typed(since, NpgsqlDbType.TimestampTz));

    /// <summary>
    /// Ends as failed, with the message, every sync of this connection and entity still "running" except the current
    /// one: their process was killed (the current run holds the lease they would hold). Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> FailInterruptedAsync(
        string orgId, string entityType, Guid connectionId, string currentSyncId, string message,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            update public.sync_progress set status = 'failed', error_message = $5
            where org_id = $1 and entity_type = $2 and status = 'running' and metadata ->> 'connection_id' = $3 and sync_id <> $4
            returning sync_id
            """);
        command.AddValues(orgId, entityType, connectionId.ToString(), currentSyncId, message);
        return await ExecuteAsync(() => command.ReadAllAsync(r => r.GetString(0), cancellationToken));
    }
}
