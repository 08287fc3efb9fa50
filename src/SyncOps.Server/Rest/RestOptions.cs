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

    /// <summary>Aggregates in <c>select=</c> (<c>SYNCOPS_DB_AGGREGATES_ENABLED</c>); off: PGRST123, as PostgREST answers.</summary>
    public bool AggregatesEnabled { get; set; }

    /// <summary>EXPLAIN through <c>Accept: application/vnd.pgrst.plan</c> (<c>SYNCOPS_DB_PLAN_ENABLED</c>); off: 406.</summary>
    public bool PlanEnabled { get; set; }

    /// <summary>
    /// Serve tables without row-level security too (<c>SYNCOPS_EXPOSE_ALL</c>). Off: only tables with RLS enabled, and
    /// views, are in the schema cache, so every other table answers 404 PGRST205 and cannot be embedded.
    /// </summary>
    public bool ExposeAll { get; set; }

    /// <summary>
    /// The most statement shapes prepared on the pooled connections (<see cref="PreparedShapes"/>); 0 prepares none, for
    /// a connection pooler in transaction mode, where a prepared statement may not be on the next transaction's server.
    /// </summary>
    public int PreparedStatements { get; set; } = 256;

    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(8);

    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longer URLs get 414 with an error body (Kestrel's own limit, well above, would answer with none).</summary>
    public int MaxUrlLength { get; set; } = 16 * 1024;
}
