using Npgsql;
using SyncOps.Database;

namespace SyncOps.Tracking;

/// <summary>The guide's audit-trail queries (§5) over <c>sync_activity_log</c>, newest first.</summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>All activity of an organisation in the last N days (at most 1,000 rows, as the guide limits).</summary>
    public Task<IReadOnlyList<ActivityLogEntry>> GetOrgActivityAsync(
        string orgId, int days = 7, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            select {ActivityLogEntry.Columns} from public.sync_activity_log
            where org_id = $1 and created_at > $2
            order by created_at desc limit 1000
            """,
            cancellationToken, orgId, Since(days));

    /// <summary>Failed, partly failed and timed-out entries of the last N days.</summary>
    public Task<IReadOnlyList<ActivityLogEntry>> GetFailedSyncsAsync(
        string orgId, int days = 30, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            select {ActivityLogEntry.Columns} from public.sync_activity_log
            where org_id = $1 and status = any ($2) and created_at > $3
            order by created_at desc
            """,
            cancellationToken, orgId, new[] { SyncStatus.Failed, SyncStatus.CompletedWithErrors, SyncStatus.Timeout },
            Since(days));

    /// <summary>A user's latest activity in an organisation.</summary>
    public Task<IReadOnlyList<ActivityLogEntry>> GetUserActivityAsync(
        string orgId, Guid userId, int limit = 100, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            select {ActivityLogEntry.Columns} from public.sync_activity_log
            where org_id = $1 and user_id = $2
            order by created_at desc limit $3
            """,
            cancellationToken, orgId, userId, limit);

    /// <summary>Every entry of one sync, oldest first.</summary>
    public Task<IReadOnlyList<ActivityLogEntry>> GetSyncActivityAsync(
        string orgId, string syncId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            select {ActivityLogEntry.Columns} from public.sync_activity_log
            where org_id = $1 and sync_id = $2
            order by created_at, id
            """,
            cancellationToken, orgId, syncId);

    private DateTimeOffset Since(int days) => timeProvider.GetUtcNow().AddDays(-days);

    private async Task<IReadOnlyList<ActivityLogEntry>> QueryAsync(
        string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.AddValues(parameters);
        return await SyncTracker.ExecuteAsync(() => command.ReadAllAsync(ActivityLogEntry.Read, cancellationToken));
    }
}
