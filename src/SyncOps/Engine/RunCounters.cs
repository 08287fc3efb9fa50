namespace SyncOps.Engine;

/// <summary>The running totals of one sync.</summary>
internal sealed class RunCounters
{
    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Items beyond the list rows (a variable product's variations).</summary>
    public int Extra { get; set; }

    public int Processed => Created + Updated + Unchanged;

    public void Add(WriteOutcome outcome)
    {
        Created += outcome.Created;
        Updated += outcome.Updated;
        Unchanged += outcome.Unchanged;
        Failed += outcome.Failed;
    }

    public SyncResult Result(string syncId, string status, string? error, int resumedFrom) =>
        new(syncId, status, Processed, Failed, Unchanged, Created, Updated, error, resumedFrom);
}
