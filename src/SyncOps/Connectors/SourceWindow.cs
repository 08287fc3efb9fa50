namespace SyncOps.Connectors;

/// <summary>Which records a pull asks for: all, or those modified at or after <see cref="ModifiedSince"/> (UTC).</summary>
public sealed record SourceWindow(DateTimeOffset? ModifiedSince)
{
    public static readonly SourceWindow Everything = new((DateTimeOffset?)null);
}
