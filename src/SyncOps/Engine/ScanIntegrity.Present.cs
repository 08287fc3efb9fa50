namespace SyncOps.Engine;

internal sealed partial class ScanIntegrity
{
    /// <summary>
    /// Whether the source listed a record id in the pass just judged complete, records it could not map included (they
    /// exist); null when that pass cannot prove a record's absence: it resumed past the first rows (those came in an
    /// earlier run), nothing was listed at all, or some failed item carried no id. The test reads the pass's id sets,
    /// so deletion detection needs no list of every id (it streams the stored ids through it).
    /// </summary>
    public Func<string, bool>? PresentIds()
    {
        if (_startRows != 0 || _firstTotal < 0 || _anonymousFailures > 0)
        {
            return null;
        }

        var (records, failures) = (_recordsInPass, _failedInPass);
        return id => records.Contains(id) || failures.Contains(id);
    }
}
