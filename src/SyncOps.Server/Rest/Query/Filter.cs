namespace SyncOps.Server.Rest.Query;

internal enum FilterOperator
{
    Eq, Neq, Gt, Gte, Lt, Lte, Like, Ilike, Match, Imatch, In, Is, IsDistinct, Contains, ContainedIn, Overlaps,
    FullText, PlainFullText, PhraseFullText, WebFullText, StrictlyLeft, StrictlyRight, NotExtendRight, NotExtendLeft, Adjacent,
}

internal enum Quantifier
{
    None, Any, All,
}

/// <summary>A WHERE condition: one filter, or an and/or group of conditions (PostgREST's logic tree).</summary>
internal abstract record Condition(bool Negated);

/// <summary>
/// <c>column=[not.]op[(any|all)].value</c>; <see cref="List"/> for <c>in.(a,b)</c>; <see cref="Language"/> for
/// <c>fts(english).value</c>.
/// </summary>
internal sealed record Filter(
    Field Column, FilterOperator Operator, bool Negated, Quantifier Quantifier, string Value, IReadOnlyList<string>? List,
    string? Language = null)
    : Condition(Negated);

internal sealed record LogicGroup(bool IsOr, bool Negated, IReadOnlyList<Condition> Conditions) : Condition(Negated);

/// <summary>One <c>order=</c> term; <see cref="Relation"/> names a to-one embed for <c>order=rel(column)</c>.</summary>
internal sealed record OrderTerm(Field Column, bool Descending, bool? NullsFirst)
{
    public string? Relation { get; init; }
}
