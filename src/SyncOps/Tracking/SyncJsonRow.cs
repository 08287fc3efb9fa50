namespace SyncOps.Tracking;

/// <summary>One sync read by <see cref="SyncTracker.ReadDashboardJsonAsync"/>: its key, status and change time, and its JSON.</summary>
public sealed record SyncJsonRow(string OrgId, string SyncId, string Status, DateTimeOffset UpdatedAt, string Json);
