using System.Text;

namespace SyncOps.Connectors;

/// <summary>
/// One source record mapped for its canonical table: the table's columns as validated text (in
/// <see cref="CanonicalTable.Columns"/> order; PostgreSQL casts them), the source's timestamps, the payload and its hash.
/// The payload stays in the UTF-8 the source sent (<see cref="RawUtf8"/>): a sync holds thousands of records between
/// fetch and commit, and as a .NET string every payload took twice its size (docs/benchmarks.md, engine memory);
/// COPY sends the bytes as they are.
/// </summary>
public sealed record CanonicalRecord(
    string ExternalId,
    string?[] Fields,
    DateTimeOffset? SourceCreatedAt,
    DateTimeOffset? SourceUpdatedAt,
    byte[] RawUtf8,
    byte[] ContentHash)
{
    /// <summary>A record whose payload is given as text (previews read back from their cache, tests).</summary>
    public CanonicalRecord(
        string externalId, string?[] fields, DateTimeOffset? sourceCreatedAt, DateTimeOffset? sourceUpdatedAt, string rawJson, byte[] contentHash)
        : this(externalId, fields, sourceCreatedAt, sourceUpdatedAt, Encoding.UTF8.GetBytes(rawJson), contentHash)
    {
    }

    /// <summary>The payload as text, decoded on every read: for the upsert's text array and the preview, not the hot path.</summary>
    public string RawJson => Encoding.UTF8.GetString(RawUtf8);
}
