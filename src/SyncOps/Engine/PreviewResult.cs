namespace SyncOps.Engine;

/// <summary>What a preview found, and the key its delta is cached under for <c>sync apply</c>.</summary>
public sealed record PreviewResult(
    string CacheKey,
    string Entity,
    int ToCreate,
    int ToUpdate,
    int Unchanged,
    int Failed,
    IReadOnlyList<string> SampleCreate,
    IReadOnlyList<string> SampleUpdate,
    DateTimeOffset ExpiresAt);
