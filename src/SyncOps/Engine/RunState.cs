using System.Text.Json.Serialization;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// The checkpoint of a run in progress (<c>sync_checkpoints.run</c>): the query it runs (<see cref="Since"/>), the
/// offset of the first source row not yet committed, the newest modification time committed so far, and how the run
/// pages (offsets unless the scan checks made it fall back to the source's other paging; absent in older checkpoints).
/// </summary>
public sealed record RunState(
    [property: JsonPropertyName("sync_id")] string SyncId,
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("max_seen")] DateTimeOffset? MaxSeen,
    [property: JsonPropertyName("paging"), JsonConverter(typeof(JsonStringEnumConverter<SourcePaging>))] SourcePaging Paging = SourcePaging.Offset);
