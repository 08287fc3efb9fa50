using System.Text.Json.Nodes;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>A frame the server sent, as the tests read it.</summary>
internal sealed record RealtimeFrame(string Topic, string Event, JsonObject Payload, string? Ref)
{
    public string? Status => Payload["status"]?.GetValue<string>();

    public JsonObject Response => (JsonObject)Payload["response"]!;
}
