namespace SyncOps.Engine;

/// <summary>A queued or finished sync request in <c>sync_jobs</c>.</summary>
public sealed record SyncJob(
    long Id,
    string OrgId,
    Guid ConnectionId,
    string Entity,
    bool FullScan,
    string Status,
    string? SyncId,
    Guid? RequestedBy,
    string? ErrorMessage);
