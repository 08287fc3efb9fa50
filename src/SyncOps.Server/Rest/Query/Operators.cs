namespace SyncOps.Server.Rest.Query;

/// <summary>PostgREST's operator names (protocol reference §4.2), full-text search and range operators included.</summary>
internal static class Operators
{
    private static readonly Dictionary<string, FilterOperator> s_byName = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOperator.Eq,
        ["neq"] = FilterOperator.Neq,
        ["gt"] = FilterOperator.Gt,
        ["gte"] = FilterOperator.Gte,
        ["lt"] = FilterOperator.Lt,
        ["lte"] = FilterOperator.Lte,
        ["like"] = FilterOperator.Like,
        ["ilike"] = FilterOperator.Ilike,
        ["match"] = FilterOperator.Match,
        ["imatch"] = FilterOperator.Imatch,
        ["in"] = FilterOperator.In,
        ["is"] = FilterOperator.Is,
        ["isdistinct"] = FilterOperator.IsDistinct,
        ["cs"] = FilterOperator.Contains,
        ["cd"] = FilterOperator.ContainedIn,
        ["ov"] = FilterOperator.Overlaps,
        ["fts"] = FilterOperator.FullText,
        ["plfts"] = FilterOperator.PlainFullText,
        ["phfts"] = FilterOperator.PhraseFullText,
        ["wfts"] = FilterOperator.WebFullText,
        ["sl"] = FilterOperator.StrictlyLeft,
        ["sr"] = FilterOperator.StrictlyRight,
        ["nxr"] = FilterOperator.NotExtendRight,
        ["nxl"] = FilterOperator.NotExtendLeft,
        ["adj"] = FilterOperator.Adjacent,
    };

    public static bool IsFullText(FilterOperator op) =>
        op is FilterOperator.FullText or FilterOperator.PlainFullText or FilterOperator.PhraseFullText or FilterOperator.WebFullText;

    public static bool TryGet(string name, out FilterOperator op) => s_byName.TryGetValue(name, out op);

    public static bool AllowsQuantifier(FilterOperator op) =>
        op is FilterOperator.Eq or FilterOperator.Neq or FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt
            or FilterOperator.Lte or FilterOperator.Like or FilterOperator.Ilike or FilterOperator.Match or FilterOperator.Imatch;

    /// <summary>The <c>is</c> operator takes keywords only; they become SQL, so they are whitelisted, never bound.</summary>
    public static string? IsKeyword(string value) => value.ToLowerInvariant() switch
    {
        "null" => "null",
        "not_null" => "not null",
        "true" => "true",
        "false" => "false",
        "unknown" => "unknown",
        _ => null,
    };
}
