using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Cli.Infrastructure;

/// <summary>
/// Watches one running sync's <c>metadata.retry</c> (the engine writes it when its source answers 429 or 503) once a
/// second, so that a CLI waiting on a sync says "rate limited, retry 2 of 5 in 4 s" instead of looking frozen. Before
/// the first progress report names the sync, it is found by its connection and entity (one run holds that lease).
/// </summary>
internal sealed class RetryWatch(SyncTracker tracker, TimeProvider time, string orgId, Guid connectionId, string entity)
{
    private volatile string? _syncId;

    /// <summary>Called by the engine's progress callback: from then on the sync is matched by id.</summary>
    public void Seen(string syncId) => _syncId = syncId;

    /// <summary>Calls <paramref name="onTick"/> every second with the sync's retry state (null when it is not waiting).</summary>
    public async Task RunAsync(Action<SyncRetryState?, DateTimeOffset> onTick, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                var retries = await tracker.GetRetriesAsync(orgId, cancellationToken);
                var syncId = _syncId;
                var mine = retries.FirstOrDefault(r => syncId is null
                    ? r.ConnectionId == connectionId && r.EntityType == entity
                    : r.SyncId == syncId);
                var now = time.GetUtcNow();
                onTick(mine is not null && mine.WaitFrom(now) > TimeSpan.Zero ? mine : null, now);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SyncOpsException)
            {
                // Showing the wait is a courtesy: a database hiccup here must not end the sync it describes.
            }
        }
    }
}
