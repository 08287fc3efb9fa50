using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncOps.Tracking;

/// <summary>
/// The guide's <c>hashInputs({ syncType, ...filterParams })</c>: SHA-256 over a canonical JSON form (object keys sorted
/// at every depth), so the same filters give the same key whatever order their properties came in.
/// </summary>
public static class PreviewCacheKey
{
    public static string Compute(string syncType, JsonObject? filters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(syncType);
        var inputs = new JsonObject { ["syncType"] = syncType };
        foreach (var (name, value) in filters ?? [])
        {
            if (name != "syncType")
            {
                inputs[name] = value?.DeepClone();
            }
        }

        var canonical = Canonicalize(inputs)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, Canonicalize(pair.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonicalize).ToArray()),
        _ => node?.DeepClone(),
    };
}
