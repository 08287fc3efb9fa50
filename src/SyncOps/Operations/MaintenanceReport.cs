namespace SyncOps.Operations;

/// <summary>What one maintenance run did.</summary>
public sealed record MaintenanceReport(
    IReadOnlyList<string> PartitionsCreated,
    IReadOnlyList<string> PartitionsDropped,
    int PreviewCacheRowsDeleted,
    IReadOnlyList<string> SyncsTimedOut)
{
    /// <summary>Jobs left 'running' by a worker that died, as <c>org/job id</c>: queued again, or failed after too many attempts.</summary>
    public IReadOnlyList<string> JobsTakenOver { get; init; } = [];
}
