namespace SyncOps.Engine;

/// <summary>The running totals of one sync.</summary>
internal sealed class RunCounters
{
    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Rows marked deleted by a complete full scan (see SyncEngine.Deletions.cs).</summary>
    public int Deleted { get; set; }

    private int? _distinct;

    /// <summary>
    /// Records written or confirmed unchanged: distinct ones when the scan counts them (a record received twice counts
    /// once; see ScanIntegrity), else every row written (applying a preview, whose records are distinct already).
    /// </summary>
    public int Processed => _distinct ?? Created + Updated + Unchanged;

    /// <summary>Counts records new to the run once their batch committed, less those the database rejected (counted failed).</summary>
    public void AddDistinct(int newRecords, int rejected) => _distinct = (_distinct ?? 0) + Math.Max(0, newRecords - rejected);

    public void Add(WriteOutcome outcome)
    {
        Created += outcome.Created;
        Updated += outcome.Updated;
        Unchanged += outcome.Unchanged;
        Failed += outcome.Failed;
    }

    public SyncResult Result(string syncId, string status, string? error, int resumedFrom) =>
        new(syncId, status, Processed, Failed, Unchanged, Created, Updated, error, resumedFrom) { Deleted = Deleted };
}
