namespace SyncOps.Connectors;

/// <summary>
/// Which records a pull asks for: all, or those modified at or after <see cref="ModifiedSince"/> (UTC); and how it
/// pages through them (<see cref="Paging"/>, offsets unless the engine fell back to the source's other paging).
/// </summary>
public sealed record SourceWindow(DateTimeOffset? ModifiedSince)
{
    public static readonly SourceWindow Everything = new((DateTimeOffset?)null);

    public SourcePaging Paging { get; init; } = SourcePaging.Offset;
}
