namespace SyncOps.Server.Rest;

/// <summary>Limits of the REST API. Defaults follow Supabase: 1,000 rows per read, 8 s per statement.</summary>
public sealed class RestOptions
{
    public long MaxRows { get; set; } = 1000;

    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(8);

    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longer URLs get 414 with an error body (Kestrel's own limit, well above, would answer with none).</summary>
    public int MaxUrlLength { get; set; } = 16 * 1024;
}
