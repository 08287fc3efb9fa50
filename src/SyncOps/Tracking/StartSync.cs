namespace SyncOps.Tracking;

/// <summary>What a worker says when it starts a sync. A null <see cref="SyncId"/> gets the guide's <c>sync-&lt;source&gt;-&lt;ms&gt;</c> form.</summary>
public sealed record StartSync(
    string OrgId,
    string EntityType,
    string SourceSystem,
    int TotalItems,
    Guid? InitiatedBy = null,
    string? SyncId = null);
