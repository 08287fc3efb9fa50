namespace SyncOps.Engine;

/// <summary>
/// How a sync ended: the CLI's final JSON line. <see cref="Processed"/> counts every record handled (written or
/// unchanged); <see cref="Skipped"/> those unchanged (same content hash); <see cref="Failed"/> those that could not be
/// mapped or written.
/// </summary>
public sealed record SyncResult(
    string SyncId,
    string Status,
    int Processed,
    int Failed,
    int Skipped,
    int Created,
    int Updated,
    string? ErrorMessage,
    int ResumedFromOffset)
{
    /// <summary>Failed for a reason that may pass (an open circuit, a timeout, 5xx): a queued job runs again later.</summary>
    public bool Transient { get; init; }

    /// <summary>Records of the connection that a complete full scan no longer found at the source: marked <c>deleted_at</c>.</summary>
    public int Deleted { get; init; }
}
