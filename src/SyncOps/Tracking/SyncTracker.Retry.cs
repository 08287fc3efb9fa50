namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    /// <summary>
    /// Says the sync is waiting to retry its source (429, 503, a timeout): stored in the row's metadata as
    /// <c>retry: {attempt, max_attempts, next_attempt_at, reason}</c>, so the dashboard shows "rate limited, retry 2 of 5
    /// in 30 s" instead of a sync that merely looks slow; <c>waiting_until</c> lets the ETA count the wait as waiting, not
    /// as slowness (migration 0150). Cleared by <see cref="ClearRetryAsync"/> or the next retry.
    /// </summary>
    public Task<SyncProgress> RecordRetryAsync(
        string orgId, string syncId, int attempt, int maxAttempts, TimeSpan delay, string reason,
        CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"""
            update public.sync_progress
            set waiting_until = clock_timestamp() + $6::interval,
                metadata = metadata || jsonb_build_object('retry', jsonb_build_object(
                    'attempt', $3::int, 'max_attempts', $4::int, 'reason', $5::text,
                    'next_attempt_at', clock_timestamp() + $6::interval))
            where org_id = $1 and sync_id = $2
            returning {SyncProgress.Columns}
            """,
            orgId, syncId, cancellationToken, attempt, maxAttempts, reason, delay);

    /// <summary>The source answered again: drop the retry state.</summary>
    public Task<SyncProgress> ClearRetryAsync(string orgId, string syncId, CancellationToken cancellationToken = default) =>
        SingleAsync(
            $"update public.sync_progress set metadata = metadata - 'retry', waiting_until = null where org_id = $1 and sync_id = $2 returning {SyncProgress.Columns}",
            orgId, syncId, cancellationToken);
}
