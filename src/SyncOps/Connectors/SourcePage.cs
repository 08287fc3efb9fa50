namespace SyncOps.Connectors;

/// <summary>
/// One page of a source list. <see cref="Consumed"/> is how many list rows it covers (the next offset is offset +
/// Consumed); <see cref="Items"/> can hold more (a variable product brings its variations). <see cref="Total"/> is the
/// source's own total for the whole list, as of this page.
/// </summary>
public sealed record SourcePage(IReadOnlyList<SourceItem> Items, int Consumed, int Total);
