namespace SyncOps.Engine;

/// <summary>What one batch write did: rows created, updated, left alone (same hash), and records that failed.</summary>
public sealed record WriteOutcome(int Created, int Updated, int Unchanged, int Failed)
{
    /// <summary>Whether the batch's checkpoint was saved (a batch with nothing to write may leave it to a later one).</summary>
    public bool Checkpointed { get; init; } = true;
}
