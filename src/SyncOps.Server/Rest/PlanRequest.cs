namespace SyncOps.Server.Rest;

/// <summary>
/// <c>Accept: application/vnd.pgrst.plan[+json|+text]; for="…"; options=analyze|verbose|settings|buffers|wal</c>
/// (supabase-js <c>.explain()</c>): the statement's EXPLAIN instead of its rows.
/// </summary>
internal sealed record PlanRequest(bool Json, string For, IReadOnlyList<string> Options)
{
    /// <summary>Options in PostgREST's order (MediaType.hs <c>getPlan</c>), unknown words dropped as PostgREST drops them.</summary>
    public static readonly string[] Known = ["analyze", "verbose", "settings", "buffers", "wal"];

    public bool Analyze => Options.Contains("analyze");

    /// <summary>PostgREST's <c>toMime</c> for the plan type, plus the charset every JSON/text answer carries.</summary>
    public string ContentType =>
        $"application/vnd.pgrst.plan+{(Json ? "json" : "text")}; for=\"{For}\"" +
        (Options.Count == 0 ? "" : "; options=" + string.Join('|', Options)) + "; charset=utf-8";

    /// <summary>The EXPLAIN prefix (Statements.hs <c>explainF</c>): the format first, then each option.</summary>
    public string ExplainPrefix =>
        "explain (" + string.Join(", ", Options.Prepend(Json ? "format json" : "format text")) + ") ";
}
