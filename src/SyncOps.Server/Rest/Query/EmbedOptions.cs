namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Filters, order and page of one embedded resource, from <c>path.column=…</c>, <c>path.order=…</c>,
/// <c>path.limit=…</c>, <c>path.offset=…</c>, <c>path.or=(…)</c>; the path is the embed's key, dotted when nested.
/// </summary>
internal sealed class EmbedOptions
{
    public List<Condition> Conditions { get; } = [];

    public List<OrderTerm> Order { get; } = [];

    public long? Limit { get; set; }

    public long Offset { get; set; }
}
