namespace SyncOps.Connectors;

/// <summary>
/// One page of a source list. <see cref="Consumed"/> is how far the cursor moves (list rows for offset paging, the
/// range's width for id ranges; the next offset is offset + Consumed); <see cref="Items"/> can hold more (a variable
/// product brings its variations). <see cref="Total"/> is the source's own count of the whole list, as of this page.
/// </summary>
public sealed record SourcePage(IReadOnlyList<SourceItem> Items, int Consumed, int Total)
{
    /// <summary>Where the cursor ends when it is not a row position (id ranges: the highest id); null means <see cref="Total"/>.</summary>
    public int? End { get; init; }
}
