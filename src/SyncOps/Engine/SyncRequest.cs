namespace SyncOps.Engine;

/// <summary>One sync to run: which organisation, connection and entity, and whether to ignore the checkpoint.</summary>
public sealed record SyncRequest(
    string OrgId,
    Guid ConnectionId,
    string Entity,
    bool Full = false,
    Guid? InitiatedBy = null,
    string? SyncId = null);
