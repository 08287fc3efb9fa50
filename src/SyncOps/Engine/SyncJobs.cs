using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Engine;

/// <summary>
/// The owner of <c>sync_jobs</c>, the queue behind <c>POST /api/syncs</c>: jobs are queued here, claimed and finished
/// here by <see cref="SyncWorker"/>s.
/// </summary>
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
        command.AddValues(orgId, connectionId, SyncEntity.Parse(entity), full, SqlParameters.Typed(requestedBy, NpgsqlDbType.Uuid));
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
        command.AddValues(orgId, jobId);
        var jobs = await ReadAsync(command, cancellationToken);
        return jobs.Count == 1 ? jobs[0] : null;
    }

    /// <summary>Cancels a job still queued. A running one is cancelled through its sync (<c>sync cancel</c>).</summary>
    public async Task<bool> CancelQueuedAsync(string orgId, long jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "update public.sync_jobs set status = 'cancelled', finished_at = now() where org_id = $1 and id = $2 and status = 'queued'");
        command.AddValues(orgId, jobId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Claims the oldest queued job for this worker, or null when none is queued. <c>FOR UPDATE SKIP LOCKED</c>: several
    /// workers in several processes share the queue and never claim the same job.
    /// </summary>
    public async Task<SyncJob?> ClaimNextAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update public.sync_jobs set status = 'running', started_at = now(), attempts = attempts + 1
            where id = (select id from public.sync_jobs where status = 'queued' and (not_before is null or not_before <= now())
                        order by id for update skip locked limit 1)
            returning {Columns}
            """);
        var jobs = await ReadAsync(command, cancellationToken);
        return jobs.Count == 1 ? jobs[0] : null;
    }

    /// <summary>Records how a claimed job ended: completed, cancelled or failed, with its sync and the reason.</summary>
    public async Task FinishAsync(long jobId, string status, string? syncId, string? errorMessage, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "update public.sync_jobs set status = $2, sync_id = $3, error_message = $4, finished_at = now() where id = $1");
        command.AddValues(jobId, status, SqlParameters.Typed(syncId, NpgsqlDbType.Text), SqlParameters.Typed(errorMessage, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a job whose sync failed transiently (the source's circuit open, a timeout, 5xx after the retries) back in the
    /// queue with the reason in words, claimable again after <paramref name="delay"/> times its attempts so far (the
    /// claim skips it until <c>not_before</c>); false when it already ran <paramref name="maxAttempts"/> times.
    /// </summary>
    public async Task<bool> RequeueAsync(long jobId, string syncId, string reason, TimeSpan delay, int maxAttempts, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            update public.sync_jobs
            set status = 'queued', sync_id = $2, error_message = $3, started_at = null, not_before = now() + $4 * attempts
            where id = $1 and attempts < $5
            """);
        command.AddValues(jobId, syncId, $"will retry: {reason}", delay, maxAttempts);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Task<List<SyncJob>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            r => new SyncJob(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetBoolean(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetGuid(7), r.IsDBNull(8) ? null : r.GetString(8)),
            cancellationToken);
}
