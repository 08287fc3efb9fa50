namespace SyncOps.Server.Rest;

/// <summary>Limits of the REST API. Defaults follow Supabase: 1,000 rows per read, 8 s per statement.</summary>
internal sealed class RestOptions
{
    public long MaxRows { get; set; } = 1000;

    /// <summary>
    /// Schemas served (PostgREST's <c>db-schemas</c>, <c>SYNCOPS_DB_SCHEMAS</c>): the first is the default, the others are
    /// chosen with <c>Accept-Profile</c>/<c>Content-Profile</c>.
    /// </summary>
    public IReadOnlyList<string> Schemas { get; set; } = ["public"];

    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(8);

    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longer URLs get 414 with an error body (Kestrel's own limit, well above, would answer with none).</summary>
    public int MaxUrlLength { get; set; } = 16 * 1024;
}
