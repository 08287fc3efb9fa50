using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Engine;

/// <summary>Reads and writes <c>sync_checkpoints</c>. Writes take the caller's transaction, so they commit with the records.</summary>
public sealed class CheckpointStore(NpgsqlDataSource dataSource)
{
    public async Task<Checkpoint> GetAsync(string orgId, Guid connectionId, string entity, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select watermark, run::text from public.sync_checkpoints where org_id = $1 and connection_id = $2 and entity_type = $3");
        command.AddValues(orgId, connectionId, entity);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new Checkpoint(null, null);
        }

        return new Checkpoint(
            reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0),
            reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<RunState>(reader.GetString(1)));
    }

    /// <summary>Saves the run in progress (in the batch's transaction).</summary>
    internal static async Task SaveRunAsync(
        NpgsqlConnection connection, string orgId, Guid connectionId, string entity, RunState run, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into public.sync_checkpoints (org_id, connection_id, entity_type, run) values ($1, $2, $3, $4)
            on conflict (org_id, connection_id, entity_type) do update set run = excluded.run, updated_at = now()
            """, connection);
        command.AddValues(orgId, connectionId, entity, SqlParameters.Typed(JsonSerializer.Serialize(run), NpgsqlDbType.Jsonb));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the run: the watermark moves, the run state is cleared.</summary>
    public async Task FinishRunAsync(
        string orgId, Guid connectionId, string entity, DateTimeOffset? watermark, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into public.sync_checkpoints (org_id, connection_id, entity_type, watermark, run) values ($1, $2, $3, $4, null)
            on conflict (org_id, connection_id, entity_type)
            do update set watermark = coalesce(excluded.watermark, sync_checkpoints.watermark), run = null, updated_at = now()
            """);
        command.AddValues(orgId, connectionId, entity, SqlParameters.Typed(watermark, NpgsqlDbType.TimestampTz));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
