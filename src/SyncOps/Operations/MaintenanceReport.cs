namespace SyncOps.Operations;

/// <summary>What one maintenance run did.</summary>
public sealed record MaintenanceReport(
    IReadOnlyList<string> PartitionsCreated,
    IReadOnlyList<string> PartitionsDropped,
    int PreviewCacheRowsDeleted,
    IReadOnlyList<string> SyncsTimedOut);
