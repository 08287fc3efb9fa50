namespace SyncOps.Connectors;

/// <summary>
/// One source record mapped for its canonical table: the table's columns as validated text (in
/// <see cref="CanonicalTable.Columns"/> order; PostgreSQL casts them), the source's timestamps, the payload and its hash.
/// </summary>
public sealed record CanonicalRecord(
    string ExternalId,
    string?[] Fields,
    DateTimeOffset? SourceCreatedAt,
    DateTimeOffset? SourceUpdatedAt,
    string RawJson,
    byte[] ContentHash);
