namespace SyncOps.Server.Rest.Query;

/// <summary>
/// A request's query string in PostgREST's grammar. <see cref="Select"/> null means <c>*</c>; <see cref="Arguments"/>
/// holds parameters without an operator, which only GET /rpc accepts (as function arguments); <see cref="Embeds"/> the
/// filters, order and pages of embedded resources by their dotted path.
/// </summary>
internal sealed record ParsedQuery(
    IReadOnlyList<SelectItem>? Select,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<OrderTerm> Order,
    long? Limit,
    long Offset,
    IReadOnlyList<string>? Columns,
    IReadOnlyList<string>? OnConflict,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyDictionary<string, EmbedOptions> Embeds);
