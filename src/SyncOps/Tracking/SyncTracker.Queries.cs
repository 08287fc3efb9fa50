using Npgsql;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    /// <summary>One sync, or null when it does not exist.</summary>
    public async Task<SyncProgress?> FindAsync(string orgId, string syncId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"select {SyncProgress.Columns} from public.sync_progress where org_id = $1 and sync_id = $2");
        AddParameters(command, orgId, syncId);
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
        AddParameters(command, orgId);
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<SyncProgress> SingleAsync(
        string sql, string orgId, string syncId, CancellationToken cancellationToken, params object[] more)
    {
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, [orgId, syncId, .. more]);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new SyncNotFoundException(orgId, syncId);
    }

    private static Task<List<SyncProgress>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        ExecuteAsync(async () =>
        {
            var rows = new List<SyncProgress>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(SyncProgress.Read(reader));
            }

            return rows;
        });

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

    internal static void AddParameters(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
