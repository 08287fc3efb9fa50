using System.Text.Json.Nodes;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>A mapped record in a cached preview delta, and back: apply must write what preview showed, not a re-fetch.</summary>
internal static class PreviewRecords
{
    public static JsonObject ToJson(CanonicalRecord record) => new()
    {
        ["external_id"] = record.ExternalId,
        ["fields"] = new JsonArray(record.Fields.Select(f => (JsonNode?)f).ToArray()),
        ["source_created_at"] = record.SourceCreatedAt?.ToString("O"),
        ["source_updated_at"] = record.SourceUpdatedAt?.ToString("O"),
        ["content_hash"] = Convert.ToHexString(record.ContentHash),
        ["raw"] = JsonNode.Parse(record.RawUtf8),
    };

    public static CanonicalRecord FromJson(JsonNode node) => new(
        (string)node["external_id"]!,
        node["fields"]!.AsArray().Select(f => (string?)f).ToArray(),
        node["source_created_at"] is { } created ? DateTimeOffset.Parse((string)created!, System.Globalization.CultureInfo.InvariantCulture) : null,
        node["source_updated_at"] is { } updated ? DateTimeOffset.Parse((string)updated!, System.Globalization.CultureInfo.InvariantCulture) : null,
        node["raw"]!.ToJsonString(),
        Convert.FromHexString((string)node["content_hash"]!));
}
