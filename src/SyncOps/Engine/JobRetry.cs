using Npgsql;

namespace SyncOps.Engine;

/// <summary>
/// A job whose sync failed transiently (the source's circuit open, a timeout, 5xx after the retries) is not failed: it
/// goes back to the queue with the reason in words and waits <see cref="EngineOptions.JobRetryDelay"/> times its attempts,
/// until <see cref="EngineOptions.MaxJobAttempts"/> runs were made.
/// </summary>
internal static class JobRetry
{
    /// <summary>Queues the job again; false when its attempts are used up (the caller then fails it).</summary>
    public static async Task<bool> RequeueAsync(NpgsqlDataSource dataSource, SyncJob job, SyncResult result, EngineOptions options, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update public.sync_jobs
            set status = 'queued', sync_id = $2, error_message = $3, started_at = null,
                not_before = now() + $4 * attempts
            where id = $1 and attempts < $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = job.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = result.SyncId });
        command.Parameters.Add(new NpgsqlParameter { Value = $"will retry: {result.ErrorMessage}" });
        command.Parameters.Add(new NpgsqlParameter { Value = options.JobRetryDelay });
        command.Parameters.Add(new NpgsqlParameter { Value = options.MaxJobAttempts });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
