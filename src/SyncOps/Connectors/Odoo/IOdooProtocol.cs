using System.Text.Json.Nodes;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// One of Odoo's external APIs: JSON-RPC <c>execute_kw</c> (Odoo 14-18, deprecated in 19, gone in 22) or JSON-2
/// (<c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c>, Odoo 19+). Both take the method's named arguments, so the
/// connector builds one request for either.
/// </summary>
internal interface IOdooProtocol
{
    /// <summary>"jsonrpc" or "json2".</summary>
    string Name { get; }

    /// <summary>Calls <paramref name="model"/>.<paramref name="method"/> with named arguments (<c>domain</c>, <c>fields</c>, <c>context</c>...).</summary>
    Task<OdooReply> CallAsync(string model, string method, JsonObject arguments, CancellationToken cancellationToken);
}
