namespace SyncOps.Server.Rest.Query;

/// <summary>One entry of <c>select=</c>: <c>*</c>, a field, or an embedded resource (PostgREST's select tree).</summary>
internal abstract record SelectItem;

/// <summary><c>*</c>: every column of the resource.</summary>
internal sealed record StarItem : SelectItem;

/// <summary>
/// <c>[alias:]column[-&gt;path][::cast][.aggregate()[::cast]]</c>, or <c>[alias:]count()[::cast]</c> (whose
/// <see cref="Field"/> is <c>*</c>).
/// </summary>
internal sealed record FieldItem(string? Alias, Field Field, string? Cast) : SelectItem
{
    /// <summary><c>count</c>, <c>sum</c>, <c>avg</c>, <c>min</c> or <c>max</c>; null for a plain field.</summary>
    public string? Aggregate { get; init; }

    /// <summary>The cast of the aggregate's result (<c>amount.sum()::text</c>).</summary>
    public string? AggregateCast { get; init; }

    /// <summary>The key: the alias, else the aggregate's name (PostgREST answers <c>{"sum": …}</c>), else the field's.</summary>
    public string OutputName => Alias ?? Aggregate ?? Field.OutputName;

    /// <summary>True when a select tree uses an aggregate anywhere (for <c>db-aggregates-enabled</c>).</summary>
    public static bool AnyAggregate(IReadOnlyList<SelectItem>? items) =>
        items is not null && items.Any(i => i switch
        {
            FieldItem f => f.Aggregate is not null,
            EmbedItem e => AnyAggregate(e.Items),
            _ => false,
        });
}

/// <summary>Join type hint of an embed: <c>!inner</c> drops parents without a match, <c>!left</c> (the default) keeps them.</summary>
internal enum EmbedJoin
{
    Left,
    Inner,
}

/// <summary>
/// <c>[alias:]relation[!hint][!inner|!left](items)</c>, or a spread <c>...relation(items)</c> whose columns join the
/// parent's. <see cref="Items"/> empty for <c>relation()</c>, which filters without adding a key.
/// </summary>
internal sealed record EmbedItem(
    string? Alias, string Relation, string? Hint, EmbedJoin Join, bool Spread, IReadOnlyList<SelectItem> Items) : SelectItem
{
    /// <summary>The key of the embedded value, and the prefix of its filters (<c>alias.column=…</c>).</summary>
    public string OutputName => Alias ?? Relation;
}
