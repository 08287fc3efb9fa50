using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    /// <summary>One sync, or null when it does not exist.</summary>
    public async Task<SyncProgress?> FindAsync(string orgId, string syncId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"select {SyncProgress.Columns} from public.sync_progress where org_id = $1 and sync_id = $2");
        command.AddValues(orgId, syncId);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The guide's live progress: the organisation's active syncs, most recently updated first.</summary>
    public async Task<IReadOnlyList<SyncProgress>> GetActiveAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {SyncProgress.Columns} from public.sync_progress
            where org_id = $1 and completed_at is null
            order by updated_at desc
            """);
        command.AddValues(orgId);
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<SyncProgress> SingleAsync(
        string sql, string orgId, string syncId, CancellationToken cancellationToken, params object[] more)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.AddValues([orgId, syncId, .. more]);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new SyncNotFoundException(orgId, syncId);
    }

    private static Task<List<SyncProgress>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        ExecuteAsync(() => command.ReadAllAsync(SyncProgress.Read, cancellationToken));

    internal static async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PostgresException e)
        {
            throw SyncTrackingException.From(e);
        }
    }
}
