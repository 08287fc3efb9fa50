using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// The watch step of <see cref="SyncRun"/>: polls the sync's status so that a cancel (the row set to cancelled by the
/// CLI, the API or psql) stops the run within a poll interval, sends heartbeats so a long page is not taken for a
/// stalled sync, and keeps the lease. Either event cancels the run's stop token; <see cref="LostLease"/> says why when
/// it was the lease.
/// </summary>
internal sealed class SyncWatcher(SyncTracker tracker, SyncLease lease, EngineOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Why the run must end as failed when another process took the lease; null while the lease is held.</summary>
    public string? LostLease { get; private set; }

    public async Task WatchAsync(string orgId, string syncId, CancellationTokenSource stop, CancellationToken finished)
    {
        var lastHeartbeat = timeProvider.GetTimestamp();
        while (!finished.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CancelPollInterval, timeProvider, finished);
                var status = await tracker.GetStatusAsync(orgId, syncId, finished);
                if (status is not null and not SyncStatus.Running && !finished.IsCancellationRequested)
                {
                    await stop.CancelAsync();
                    return;
                }

                if (timeProvider.GetElapsedTime(lastHeartbeat) >= options.HeartbeatInterval)
                {
                    await tracker.HeartbeatAsync(orgId, syncId, finished);
                    lastHeartbeat = timeProvider.GetTimestamp();
                    if (!await lease.EnsureHeldAsync(finished))
                    {
                        LostLease = $"lost its lease ({lease.Description}) to another process, which may be running this sync now; " +
                                    "stopped so that two runs never write at once";
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
