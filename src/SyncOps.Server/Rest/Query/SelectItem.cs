namespace SyncOps.Server.Rest.Query;

/// <summary>One entry of <c>select=</c>: <c>*</c>, a field, or an embedded resource (PostgREST's select tree).</summary>
internal abstract record SelectItem;

/// <summary><c>*</c>: every column of the resource.</summary>
internal sealed record StarItem : SelectItem;

/// <summary><c>[alias:]column[-&gt;path][::cast]</c>.</summary>
internal sealed record FieldItem(string? Alias, Field Field, string? Cast) : SelectItem
{
    public string OutputName => Alias ?? Field.OutputName;
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
