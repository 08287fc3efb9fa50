using Npgsql;

namespace SyncOps.Operations;

/// <summary>
/// <c>serve</c>'s automatic maintenance: one <see cref="MaintenanceRunner"/> pass, by one process at a time across every
/// process sharing the database. The first to take a session advisory lock runs; the others skip this pass rather than
/// wait, since the holder does the same work. The lock lives on its own connection, so a process that dies mid-pass
/// frees it at once.
/// </summary>
public sealed class Upkeep(NpgsqlDataSource dataSource, MaintenanceRunner runner)
{
    /// <summary>The advisory lock key: hashtextextended('syncops.upkeep', 0), taken as a session lock.</summary>
    private const string LockSql = "select pg_try_advisory_lock(hashtextextended('syncops.upkeep', 0))";

    /// <summary>Runs one maintenance pass; null when another process is running one right now.</summary>
    public async Task<MaintenanceReport?> RunOnceAsync(MaintenanceOptions options, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand(LockSql, connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        try
        {
            return await runner.RunOnceAsync(options, cancellationToken);
        }
        finally
        {
            try
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended('syncops.upkeep', 0))", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
        }
    }
}
