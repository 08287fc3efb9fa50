using SyncOps.Database;

namespace SyncOps.Tracking;

public sealed partial class SyncTracker
{
    private const string DashboardJsonSql =
        $"""
        select r.org_id, r.sync_id, r.status, r.updated_at, to_jsonb(r)::text
        from (select {SyncDashboardJson.Columns}
              from public.sync_progress p join unnest($1::text[], $2::text[]) as k (org_id, sync_id)
                   on p.org_id = k.org_id and p.sync_id = k.sync_id) r
        """;

    /// <summary>
    /// These syncs (of any organisations, read as the server) in the dashboard's JSON shape (<see cref="SyncDashboardJson"/>),
    /// in one query however many: what the live hub sends to the dashboards of each sync's organisation. Missing ones are left out.
    /// </summary>
    public async Task<IReadOnlyList<SyncJsonRow>> ReadDashboardJsonAsync(
        IReadOnlyCollection<(string OrgId, string SyncId)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var command = dataSource.CreateCommand(DashboardJsonSql);
        command.AddValues(keys.Select(k => k.OrgId).ToArray(), keys.Select(k => k.SyncId).ToArray());
        return await command.ReadAllAsync(
            r => new SyncJsonRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)),
            cancellationToken);
    }
}
