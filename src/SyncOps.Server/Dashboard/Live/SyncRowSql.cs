using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// The columns of a sync as the dashboard shows it, selected from <c>sync_progress p</c> and turned into JSON by
/// PostgreSQL (<c>to_jsonb</c>), so the live path, the snapshot and the history share one shape.
/// </summary>
internal static class SyncRowSql
{
    public const string Columns = SyncDashboardJson.Columns;
}
