using NpgsqlTypes;
using SyncOps.Configuration;
using SyncOps.Database;

namespace SyncOps.Connections;

public sealed partial class ConnectionStore
{
    /// <summary>The shortest and longest per-connection allowance (the table's check says the same).</summary>
    public static readonly TimeSpan MinimumStaleAfter = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaximumStaleAfter = TimeSpan.FromDays(7);

    /// <summary>
    /// Sets how long a sync of this connection may go without a progress report or heartbeat before the upkeep ends it
    /// as <c>timeout</c> (and takes over its job); null returns the connection to <c>SYNCOPS_STALE_AFTER</c>.
    /// </summary>
    public async Task SetStaleAfterAsync(string orgId, Guid id, TimeSpan? staleAfter, CancellationToken cancellationToken = default)
    {
        if (staleAfter is { } value && (value < MinimumStaleAfter || value > MaximumStaleAfter))
        {
            throw new SyncOpsException(
                $"stale-after {DurationText.Format(value)}: a connection's allowance must be between {DurationText.Format(MinimumStaleAfter)} and {DurationText.Format(MaximumStaleAfter)}");
        }

        await using var command = dataSource.CreateCommand(
            "update public.connections set stale_after = $3, updated_at = now() where org_id = $1 and id = $2");
        command.AddValues(orgId, id, SqlParameters.Typed(staleAfter, NpgsqlDbType.Interval));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new SyncOpsException($"connection {id} does not exist in organisation \"{orgId}\"");
        }
    }

    /// <summary>The connection's own allowance, or null when it follows <c>SYNCOPS_STALE_AFTER</c>.</summary>
    public async Task<TimeSpan?> GetStaleAfterAsync(string orgId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select stale_after from public.connections where org_id = $1 and id = $2");
        command.AddValues(orgId, id);
        var rows = await command.ReadAllAsync(r => r.IsDBNull(0) ? (TimeSpan?)null : r.GetTimeSpan(0), cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new SyncOpsException($"connection {id} does not exist in organisation \"{orgId}\"");
    }
}
