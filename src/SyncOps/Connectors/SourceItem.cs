namespace SyncOps.Connectors;

/// <summary>A record as read from a page: mapped, or not mappable with the reason (counted as failed, the sync goes on).</summary>
public sealed record SourceItem(string? ExternalId, CanonicalRecord? Record, string? Error)
{
    public static SourceItem Mapped(CanonicalRecord record) => new(record.ExternalId, record, null);

    public static SourceItem Failed(string? externalId, string error) => new(externalId, null, error);
}
