using Npgsql;

namespace SyncOps.Scheduling;

public sealed partial class SyncSchedules
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> schedules due at <paramref name="now"/> (or not planned yet) with
    /// <c>FOR UPDATE SKIP LOCKED</c>, so that several schedulers in several processes never take the same one, asks
    /// <paramref name="decide"/> what to do with each, writes the decisions and commits. The row locks are held while
    /// <paramref name="decide"/> queues jobs, so a second scheduler cannot see a schedule as due in between. Returns how
    /// many schedules were claimed.
    /// </summary>
    public async Task<int> DispatchDueAsync(
        DateTimeOffset now, int limit, Func<SyncSchedule, Task<ScheduleDecision>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<SyncSchedule> due;
        await using (var claim = new NpgsqlCommand(
            Select + " where not s.paused and s.due_at <= $1 order by s.due_at limit $2 for update of s skip locked", connection))
        {
            Add(claim, now, limit);
            due = await ReadAsync(claim, cancellationToken);
        }

        // Once a job is queued its schedule must be advanced, even when the host is stopping: the decisions made so far
        // are written and committed without the caller's token; the cancellation surfaces afterwards.
        foreach (var schedule in due)
        {
            ScheduleDecision decision;
            try
            {
                decision = await decide(schedule);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await using var update = new NpgsqlCommand(
                """
                update public.sync_schedules
                set next_run_at = $3, next_full_scan_at = $4, paused = $5, last_run_at = coalesce($6, last_run_at),
                    last_job_id = coalesce($7, last_job_id), last_error = $8
                where org_id = $1 and id = $2
                """, connection);
            Add(update, schedule.OrgId, schedule.Id, decision.NextRunAt, decision.NextFullScanAt, decision.Paused, decision.RanAt,
                decision.JobId, decision.Error);
            await update.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return due.Count;
    }
}
