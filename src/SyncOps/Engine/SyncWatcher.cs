using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// Runs beside a sync: polls its row so that a cancel (the row set to cancelled by the CLI, the API or psql) stops the
/// run within a poll interval, sends heartbeats so a long page is not taken for a stalled sync, and keeps the lease.
/// </summary>
internal sealed class SyncWatcher(
    NpgsqlDataSource dataSource, SyncTracker tracker, SyncLease lease, EngineOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The status the row was ended with by someone else (cancelled, timeout, failed), once noticed.</summary>
    public string? EndedExternally { get; private set; }

    public async Task WatchAsync(string orgId, string syncId, CancellationTokenSource stop, CancellationToken finished)
    {
        var lastHeartbeat = timeProvider.GetTimestamp();
        while (!finished.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CancelPollInterval, timeProvider, finished);
                await using var command = dataSource.CreateCommand("select status from public.sync_progress where org_id = $1 and sync_id = $2");
                command.Parameters.Add(new NpgsqlParameter { Value = orgId });
                command.Parameters.Add(new NpgsqlParameter { Value = syncId });
                var status = await command.ExecuteScalarAsync(finished) as string;
                if (status is not null and not SyncStatus.Running && !finished.IsCancellationRequested)
                {
                    EndedExternally = status;
                    await stop.CancelAsync();
                    return;
                }

                if (timeProvider.GetElapsedTime(lastHeartbeat) >= options.HeartbeatInterval)
                {
                    await tracker.HeartbeatAsync(orgId, syncId, finished);
                    lastHeartbeat = timeProvider.GetTimestamp();
                    if (!await lease.EnsureHeldAsync(finished))
                    {
                        EndedExternally = SyncStatus.Failed;
                        EngineLog.LostLease(logger, syncId);
                        await stop.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (finished.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (DatabaseRetry.IsTransient(e) || e is NpgsqlException or SyncTrackingException)
            {
                // The database is restarting: the writer retries too; keep watching.
                EngineLog.WatcherUnreachable(logger, e, syncId);
            }
        }
    }
}
