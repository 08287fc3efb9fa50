using Npgsql;
using SyncOps.Database;

namespace SyncOps.Engine;

/// <summary>
/// "One running sync per (organisation, connection, entity)": a session advisory lock held on its own connection for
/// the whole run. A killed process loses its connection and with it the lock, so a rerun can take over at once
/// without waiting for a timeout.
/// </summary>
public sealed class SyncLease : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _key;
    private NpgsqlConnection? _connection;

    private SyncLease(NpgsqlDataSource dataSource, string key, string description)
    {
        _dataSource = dataSource;
        _key = key;
        Description = description;
    }

    /// <summary>What the lease guards, in words, for messages.</summary>
    public string Description { get; }

    public static async Task<SyncLease> AcquireAsync(
        NpgsqlDataSource dataSource, string orgId, Guid connectionId, string entity, CancellationToken cancellationToken)
    {
        var lease = new SyncLease(dataSource, KeyFor(orgId, connectionId, entity), $"the {entity} lock of connection {connectionId}");
        if (!await lease.TryLockAsync(cancellationToken))
        {
            await lease.DisposeAsync();
            throw new SyncOpsException($"a {entity} sync of connection {connectionId} is already running in organisation \"{orgId}\"");
        }

        return lease;
    }

    /// <summary>The advisory lock's key text (hashed with <c>hashtextextended</c>).</summary>
    internal static string KeyFor(string orgId, Guid connectionId, string entity) => $"syncops.sync|{orgId}|{connectionId}|{entity}";

    /// <summary>
    /// Checks that the lock is still held; after a database restart dropped it, takes it again. False when another
    /// process took it meanwhile: this run must stop.
    /// </summary>
    public async Task<bool> EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", _connection);
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (NpgsqlException)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }

        return await TryLockAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session releases the lock; the physical connection is not returned to the pool holding it.
            await using (var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", _connection))
            {
                try
                {
                    await unlock.ExecuteNonQueryAsync();
                }
                catch (NpgsqlException)
                {
                    // The connection is gone, and the lock with it.
                }
            }

            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 0))", connection);
        command.AddValues(_key);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            _connection = connection;
            return true;
        }

        await connection.DisposeAsync();
        return false;
    }
}
