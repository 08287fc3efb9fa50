using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>
/// PostgREST errors of embedding, preferences and schemas, worded as PostgREST's <c>src/PostgREST/Error.hs</c> words
/// them (kept apart from <see cref="PostgrestError"/>'s factories, which are shared with Auth).
/// </summary>
internal static class RestErrors
{
    /// <summary>PGRST200, 400. Error.hs <c>NoRelBetween</c>: details name the hint when one was given.</summary>
    public static PostgrestError NoRelationship(string parent, string child, string? hint, string schema, string? suggestion) =>
        new("PGRST200",
            $"Searched for a foreign key relationship between '{parent}' and '{child}'" +
            (hint is null ? "" : $" using the hint '{hint}'") + $" in the schema '{schema}', but no matches were found.",
            suggestion,
            $"Could not find a relationship between '{parent}' and '{child}' in the schema cache") { Status = 400 };

    /// <summary>PGRST201, 300. Details (a JSON array of the candidates) travel in <see cref="PostgrestJsonException"/>.</summary>
    public static PostgrestError AmbiguousRelationship(string parent, string child, IEnumerable<string> hints) =>
        new("PGRST201", null,
            $"Try changing '{child}' to one of the following: {string.Join(", ", hints)}. Find the desired relationship in the 'details' key.",
            $"Could not embed because more than one relationship was found for '{parent}' and '{child}'") { Status = 300 };

    /// <summary>PGRST108, 400: a filter, order or limit names an embed that the select does not have.</summary>
    public static PostgrestError NotEmbedded(string resource) =>
        new("PGRST108", null, $"Verify that '{resource}' is included in the 'select' query parameter.",
            $"'{resource}' is not an embedded resource in this request") { Status = 400 };

    /// <summary>PGRST120, 400: only <c>is.null</c>/<c>not.is.null</c> may filter on an embed itself.</summary>
    public static PostgrestError UnacceptableEmbedFilter(string resource) =>
        new("PGRST120", "Only is null or not is null filters are allowed on embedded resources", null,
            $"Bad operator on the '{resource}' embedded resource") { Status = 400 };

    /// <summary>
    /// PGRST119, 400: PostgREST 12 (the version hosted Supabase runs) spreads to-one embeds only (Error.hs v12.2
    /// <c>SpreadNotToOne</c>).
    /// </summary>
    public static PostgrestError SpreadNotToOne(string origin, string target) =>
        new("PGRST119", $"'{origin}' and '{target}' do not form a many-to-one or one-to-one relationship", null,
            $"A spread operation on '{target}' is not possible") { Status = 400 };

    /// <summary>PGRST118, 400: <c>order=rel(col)</c> on an embed that is not to-one (Error.hs <c>RelatedOrderNotToOne</c>).</summary>
    public static PostgrestError RelatedOrderNotToOne(string origin, string target) =>
        new("PGRST118", $"'{origin}' and '{target}' do not form a many-to-one or one-to-one relationship", null,
            $"A related order on '{target}' is not possible") { Status = 400 };

    /// <summary>PGRST123, 400: an aggregate in <c>select=</c> while <c>db-aggregates-enabled</c> is off.</summary>
    public static PostgrestError AggregatesNotAllowed() =>
        new("PGRST123", null, null, "Use of aggregate functions is not allowed") { Status = 400 };

    /// <summary>PGRST122, 400: unknown preferences under <c>handling=strict</c>.</summary>
    public static PostgrestError InvalidPreferences(IEnumerable<string> preferences) =>
        new("PGRST122", "Invalid preferences: " + string.Join(", ", preferences), null,
            "Invalid preferences given with handling=strict") { Status = 400 };

    /// <summary>PGRST124, 400: <c>max-affected</c> exceeded; the statement is rolled back.</summary>
    public static PostgrestError MaxAffected(long rows) =>
        new("PGRST124", $"The query affects {rows} rows", null,
            "Query result exceeds max-affected preference constraint") { Status = 400 };

    /// <summary>PGRST106, 406, naming every exposed schema.</summary>
    public static PostgrestError InvalidSchema(string schema, IEnumerable<string> exposed) =>
        new("PGRST106", null, "Only the following schemas are exposed: " + string.Join(", ", exposed),
            $"Invalid schema: {schema}") { Status = 406 };

    /// <summary>PGRST205, 404, with the schema the request was for.</summary>
    public static PostgrestError TableNotFound(string schema, string name, string? suggestion) =>
        new("PGRST205", null, suggestion is null ? null : $"Perhaps you meant the table '{schema}.{suggestion}'",
            $"Could not find the table '{schema}.{name}' in the schema cache") { Status = 404 };
}
