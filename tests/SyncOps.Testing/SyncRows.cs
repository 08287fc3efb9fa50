using Npgsql;

namespace SyncOps.Testing;

/// <summary>Raw-SQL setup of sync rows, bypassing the SDK, for schema tests.</summary>
public static class SyncRows
{
    /// <summary>Inserts a running sync that started <paramref name="startedSecondsAgo"/> seconds ago.</summary>
    public static async Task InsertAsync(
        NpgsqlDataSource dataSource, string orgId, string syncId, int totalItems, int startedSecondsAgo = 0,
        string entityType = "products")
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, started_at)
            values ($1, $2, $3, 'woocommerce', $4, now() - make_interval(secs => $5))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = syncId });
        command.Parameters.Add(new NpgsqlParameter { Value = entityType });
        command.Parameters.Add(new NpgsqlParameter { Value = totalItems });
        command.Parameters.Add(new NpgsqlParameter { Value = (double)startedSecondsAgo });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Moves a sync's updated_at into the past, and its start, last progress and heartbeat with it (a sync is stalled when
    /// neither progress nor heartbeat moved: migration 0072). The BEFORE trigger stamps updated_at on every write, so this runs with
    /// session_replication_role = replica, under which ordinary triggers do not fire (superuser only).
    /// </summary>
    public static async Task BackdateUpdatedAtAsync(NpgsqlDataSource dataSource, string orgId, string syncId, TimeSpan age)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var replica = new NpgsqlCommand("set local session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand(
            """
            update public.sync_progress
            set updated_at = now() - $3, started_at = least(started_at, now() - $3),
                last_progress_at = case when last_progress_at is not null then least(last_progress_at, now() - $3) end,
                heartbeat_at = case when heartbeat_at is not null then least(heartbeat_at, now() - $3) end
            where org_id = $1 and sync_id = $2
            """, connection))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = orgId });
            update.Parameters.Add(new NpgsqlParameter { Value = syncId });
            update.Parameters.Add(new NpgsqlParameter { Value = age });
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await transaction.CommitAsync();
    }

    /// <summary>How many activity-log rows a sync has, optionally only those with one action.</summary>
    public static async Task<long> LogCountAsync(NpgsqlDataSource dataSource, string orgId, string syncId, string? action = null)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from public.sync_activity_log where org_id = $1 and sync_id = $2 and ($3::text is null or action = $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = syncId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)action ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
