using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// Claims one queued job with <c>FOR UPDATE SKIP LOCKED</c> (several workers in several processes share the queue),
/// runs it to its end and records the outcome. The host's loop calls <see cref="RunOnceAsync"/> and backs off when it
/// returns false; tests and the CLI call it directly.
/// </summary>
public sealed class SyncWorker(NpgsqlDataSource dataSource, SyncEngine engine, SyncJobs jobs, EngineOptions options, ILogger<SyncWorker> logger)
{
    /// <summary>Runs one job if one is queued; false when the queue is empty.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var job = await ClaimAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        SyncResult? result = null;
        string? error = null;
        try
        {
            result = await engine.RunAsync(new SyncRequest(job.OrgId, job.ConnectionId, job.Entity, job.FullScan, job.RequestedBy), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Refused before a sync started (another run holds the lease, connection gone): the job fails with the reason.
            error = e.Message;
        }

        var status = result?.Status switch
        {
            SyncStatus.Completed or SyncStatus.CompletedWithErrors => "completed",
            SyncStatus.Cancelled => "cancelled",
            _ => "failed",
        };
        // A source that may answer later (circuit open, timeouts, 5xx) does not fail the job: it runs again later.
        if (result is { Transient: true } &&
            await jobs.RequeueAsync(job.Id, result.SyncId, result.ErrorMessage ?? "", options.JobRetryDelay, options.MaxJobAttempts, CancellationToken.None))
        {
            return true;
        }

        EngineLog.JobEnded(logger, job.Id, status, result?.SyncId);
        await using var command = dataSource.CreateCommand(
            "update public.sync_jobs set status = $2, sync_id = $3, error_message = $4, finished_at = now() where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = job.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)result?.SyncId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)(error ?? result?.ErrorMessage) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
        return true;
    }

    private async Task<SyncJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update public.sync_jobs set status = 'running', started_at = now(), attempts = attempts + 1
            where id = (select id from public.sync_jobs where status = 'queued' and (not_before is null or not_before <= now())
                        order by id for update skip locked limit 1)
            returning {SyncJobs.Columns}
            """);
        var jobs = await SyncJobs.ReadAsync(command, cancellationToken);
        return jobs.Count == 1 ? jobs[0] : null;
    }
}
