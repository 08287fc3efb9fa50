namespace SyncOps.Engine;

internal sealed partial class ScanIntegrity
{
    /// <summary>
    /// Every record id the source listed in the pass just judged complete, records it could not map included (they
    /// exist); null when that pass cannot prove a record's absence: it resumed past the first rows (those came in an
    /// earlier run), nothing was listed at all, or some failed item carried no id.
    /// </summary>
    public IReadOnlyCollection<string>? PresentIds()
    {
        if (_startRows != 0 || _firstTotal < 0 || _anonymousFailures > 0)
        {
            return null;
        }

        var ids = new HashSet<string>(_records.IdsOfPass(Pass), StringComparer.Ordinal);
        ids.UnionWith(_failedInPass);
        return ids;
    }
}
