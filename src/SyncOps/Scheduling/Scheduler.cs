using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Engine;

namespace SyncOps.Scheduling;

/// <summary>
/// Turns due schedules into queued jobs. <c>serve</c>'s loop calls <see cref="RunOnceAsync"/> every few seconds; tests
/// call it with a fake clock. The database decides everything that must hold across processes: which scheduler takes a
/// schedule (<c>SKIP LOCKED</c>) and that a connection and entity never have two active jobs
/// (<c>sync_jobs_one_active_idx</c>).
/// </summary>
public sealed partial class Scheduler(SyncSchedules schedules, SyncJobs jobs, TimeProvider timeProvider, ILogger<Scheduler> logger)
{
    /// <summary>How many due schedules one transaction claims; a pass repeats until fewer are due.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>When a full scan is due while another run of its connection and entity is active, it tries again after this.</summary>
    public static readonly TimeSpan FullScanRetry = TimeSpan.FromMinutes(1);

    /// <summary>One pass: queues every schedule due now (at most one run each, however many ticks were missed).</summary>
    public async Task<SchedulerPass> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var pass = new SchedulerPass();
        int claimed;
        do
        {
            claimed = await schedules.DispatchDueAsync(now, BatchSize, schedule => DecideAsync(schedule, now, pass, cancellationToken), cancellationToken);
        }
        while (claimed == BatchSize);

        return pass;
    }

    private async Task<ScheduleDecision> DecideAsync(SyncSchedule schedule, DateTimeOffset now, SchedulerPass pass, CancellationToken cancellationToken)
    {
        ScheduleRule rule;
        try
        {
            rule = schedule.Rule();
        }
        catch (SyncOpsException e)
        {
            // A rule written through the REST API or psql that does not parse: paused with the reason, not retried forever.
            pass.Invalid++;
            return new ScheduleDecision(null, null, Paused: true, Error: e.Message);
        }

        if (schedule.NextRunAt is not { } due)
        {
            pass.Planned++;
            return new ScheduleDecision(rule.FirstRun(schedule.Id, now), rule.NextFullScan(schedule.Id, now));
        }

        var fullDue = schedule.NextFullScanAt <= now;
        var runDue = due <= now;
        var nextRun = runDue ? rule.NextRun(schedule.Id, due, now) : due;
        var nextFull = schedule.NextFullScanAt is null ? rule.NextFullScan(schedule.Id, now) : schedule.NextFullScanAt;
        try
        {
            var job = await EnqueueAsync(schedule, fullDue, cancellationToken);
            pass.Queued++;
            LogQueued(logger, schedule.Id, schedule.OrgId, job.Id, fullDue);
            // A full scan also serves an incremental run due at the same time (both advance).
            return new ScheduleDecision(nextRun,
                fullDue ? rule.NextFullScan(schedule.Id, now) : nextFull, RanAt: now, JobId: job.Id);
        }
        catch (Exception e) when (IsActiveJobConflict(e))
        {
            // A run of this connection and entity is already queued or running (manual, or a slow previous one): that run
            // serves this tick. A full scan is not served by an incremental run, so it is tried again shortly.
            pass.Skipped++;
            LogSkipped(logger, schedule.Id, schedule.OrgId);
            return new ScheduleDecision(nextRun, fullDue ? now + FullScanRetry : nextFull, Error: schedule.LastError);
        }
        catch (SyncOpsException e)
        {
            pass.Invalid++;
            return new ScheduleDecision(nextRun, fullDue ? rule.NextFullScan(schedule.Id, now) : nextFull, Error: e.Message);
        }
    }

    /// <summary>The database refused a second active job (SyncJobs wraps the unique violation with a message).</summary>
    private static bool IsActiveJobConflict(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException)?.ConstraintName == SyncJobs.ActiveJobIndex;

    private async Task<SyncJob> EnqueueAsync(SyncSchedule schedule, bool full, CancellationToken cancellationToken)
    {
        // The schedule's row lock is held meanwhile; a bound on the insert keeps a rare lock wait (the connection being
        // deleted at this very moment) from holding it for ever.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await jobs.EnqueueAsync(schedule.OrgId, schedule.ConnectionId, schedule.EntityType, full, cancellationToken: timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {ScheduleId} of {OrgId} queued job {JobId} (full scan: {FullScan})")]
    private static partial void LogQueued(ILogger logger, Guid scheduleId, string orgId, long jobId, bool fullScan);

    [LoggerMessage(Level = LogLevel.Debug, Message = "schedule {ScheduleId} of {OrgId}: a run is already queued or running")]
    private static partial void LogSkipped(ILogger logger, Guid scheduleId, string orgId);
}
