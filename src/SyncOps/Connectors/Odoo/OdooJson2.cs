using System.Text.Json.Nodes;
using SyncOps.Connections;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// JSON-2 (Odoo 19+, connectors.md §2.5): <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with the named arguments as
/// the body, <c>Authorization: bearer &lt;API key&gt;</c> and <c>X-Odoo-Database</c> (needed when the server hosts
/// several databases). No login call: the key names its user. Each call is its own transaction.
/// </summary>
internal sealed class OdooJson2(OdooClient client, Connection connection, ConnectionSecrets secrets) : IOdooProtocol
{
    public string Name => "json2";

    public Task<OdooReply> CallAsync(string model, string method, JsonObject arguments, CancellationToken cancellationToken) =>
        client.Json2Async(connection.BaseUrl, connection.DatabaseName, secrets.Secret, model, method, arguments, cancellationToken);
}
