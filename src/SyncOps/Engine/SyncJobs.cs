using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>The queue behind <c>POST /api/syncs</c>: jobs in <c>sync_jobs</c>, claimed by <see cref="SyncWorker"/>s.</summary>
public sealed class SyncJobs(NpgsqlDataSource dataSource)
{
    /// <summary>The unique index that allows one queued or running job per (organisation, connection, entity).</summary>
    public const string ActiveJobIndex = "sync_jobs_one_active_idx";

    internal const string Columns = "id, org_id, connection_id, entity_type, full_scan, status, sync_id, requested_by, error_message";

    /// <summary>Queues a sync and wakes idle workers (NOTIFY syncops_jobs).</summary>
    public async Task<SyncJob> EnqueueAsync(
        string orgId, Guid connectionId, string entity, bool full = false, Guid? requestedBy = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with job as (
                insert into public.sync_jobs (org_id, connection_id, entity_type, full_scan, requested_by)
                select $1, c.id, $3, $4, $5 from public.connections c where c.id = $2 and c.org_id = $1
                returning {Columns}
            ), notified as (select pg_notify('syncops_jobs', id::text) from job)
            select job.* from job, notified
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = connectionId });
        command.Parameters.Add(new NpgsqlParameter { Value = SyncEntity.Parse(entity) });
        command.Parameters.Add(new NpgsqlParameter { Value = full });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)requestedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        List<SyncJob> jobs;
        try
        {
            jobs = await ReadAsync(command, cancellationToken);
        }
        catch (PostgresException e) when (e.ConstraintName == ActiveJobIndex)
        {
            // Migration 0071: one queued-or-running job per connection and entity, decided by the database.
            throw new SyncOpsException($"a {entity} sync of connection {connectionId} is already queued or running in organisation \"{orgId}\"", e);
        }

        return jobs.Count == 1 ? jobs[0] : throw new SyncOpsException($"connection {connectionId} does not exist in organisation \"{orgId}\"");
    }

    public async Task<SyncJob?> GetAsync(string orgId, long jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from public.sync_jobs where org_id = $1 and id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        var jobs = await ReadAsync(command, cancellationToken);
        return jobs.Count == 1 ? jobs[0] : null;
    }

    /// <summary>Cancels a job still queued. A running one is cancelled through its sync (<c>sync cancel</c>).</summary>
    public async Task<bool> CancelQueuedAsync(string orgId, long jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "update public.sync_jobs set status = 'cancelled', finished_at = now() where org_id = $1 and id = $2 and status = 'queued'");
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    internal static async Task<List<SyncJob>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<SyncJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new SyncJob(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return jobs;
    }
}
