using Microsoft.Extensions.Logging;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// Claims one queued job (<see cref="SyncJobs.ClaimNextAsync"/>), runs it to its end and records the outcome. The host's
/// loop calls <see cref="RunOnceAsync"/> and backs off when it returns false; tests and the CLI call it directly.
/// </summary>
public sealed class SyncWorker(SyncJobs jobs, SyncEngine engine, EngineOptions options, ILogger<SyncWorker> logger)
{
    /// <summary>Runs one job if one is queued; false when the queue is empty.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var job = await jobs.ClaimNextAsync(cancellationToken);
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
        await jobs.FinishAsync(job.Id, status, result?.SyncId, error ?? result?.ErrorMessage, CancellationToken.None);
        return true;
    }
}
