using Npgsql;

namespace SyncOps.Alerts;

/// <summary>
/// <c>serve</c>'s alerting: one pass evaluates every organisation's rules at the injected clock's time (opening and
/// resolving incidents, each queueing its one message) and then sends what is due. One process at a time across every
/// process sharing the database: the first to take the session advisory lock runs, the others skip the pass (the holder
/// does the same work); the lock lives on its own connection, so a process that dies frees it at once.
/// </summary>
public sealed class AlertEvaluator(NpgsqlDataSource dataSource, AlertLog log, AlertSender sender, TimeProvider timeProvider)
{
    private const string LockKey = "hashtextextended('syncops.alerts', 0)";

    /// <summary>One pass; null when another process is running one right now.</summary>
    public async Task<AlertPass?> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"select pg_try_advisory_lock({LockKey})", connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        try
        {
            var changes = await log.UpdateIncidentsAsync(timeProvider.GetUtcNow(), cancellationToken);
            var sent = await sender.SendDueAsync(cancellationToken);
            return new AlertPass(changes.Opened, changes.Resolved, sent);
        }
        finally
        {
            try
            {
                await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
        }
    }
}
