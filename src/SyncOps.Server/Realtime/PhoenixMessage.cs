using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SyncOps.Server.Realtime;

/// <summary>
/// One Phoenix channels frame as realtime-js 2.x exchanges them with <c>vsn=1.0.0</c>: a JSON object
/// <c>{topic, event, payload, ref, join_ref}</c> (reference: realtime-and-auth.md, "Frames").
/// </summary>
internal sealed record PhoenixMessage(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("payload")] JsonNode? Payload,
    [property: JsonPropertyName("ref")] string? Ref,
    [property: JsonPropertyName("join_ref")] string? JoinRef)
{
    public const string PhoenixTopic = "phoenix";

    public static PhoenixMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var message = JsonSerializer.Deserialize(utf8, RealtimeJson.Default.PhoenixMessage);
            return message is { Topic: not null, Event: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, RealtimeJson.Default.PhoenixMessage);

    /// <summary>The reply to a pushed message: <c>phx_reply</c> with <c>{status, response}</c> and the same refs.</summary>
    public PhoenixMessage Reply(string status, JsonNode? response) =>
        new(Topic, "phx_reply", new JsonObject { ["status"] = status, ["response"] = response ?? new JsonObject() }, Ref, JoinRef);
}

[JsonSerializable(typeof(PhoenixMessage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class RealtimeJson : JsonSerializerContext;
