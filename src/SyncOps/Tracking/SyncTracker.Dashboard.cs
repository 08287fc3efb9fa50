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
        var rows = new List<SyncJsonRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SyncJsonRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return rows;
    }
}
