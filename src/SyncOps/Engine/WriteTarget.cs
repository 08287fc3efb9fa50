namespace SyncOps.Engine;

/// <summary>Where a batch goes and whose it is: the canonical table of the entity, and the sync writing it.</summary>
public sealed record WriteTarget(
    string OrgId,
    string SourceSystem,
    Guid ConnectionId,
    string Entity,
    string SyncId,
    Guid? InitiatedBy);
