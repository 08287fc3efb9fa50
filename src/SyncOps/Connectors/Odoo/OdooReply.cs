using System.Text.Json;

namespace SyncOps.Connectors.Odoo;

/// <summary>A method's return value as either protocol delivers it (JSON-RPC's <c>result</c>, JSON-2's bare body); owns the parsed document.</summary>
internal sealed class OdooReply(JsonDocument document, JsonElement value) : IDisposable
{
    public JsonElement Value => value;

    public void Dispose() => document.Dispose();
}
