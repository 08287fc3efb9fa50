using System.Text.Json.Nodes;
using SyncOps.Connections;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// Picks the protocol once per connector: the connection's forced one, else JSON-2 when <c>GET /web/version</c> says
/// Odoo 19 or later (19 deprecates <c>/jsonrpc</c>, 22 removes it: connectors.md §2.5), else JSON-RPC (Odoo 14-18, or a
/// server that does not say its version).
/// </summary>
internal sealed class OdooProtocolChoice(OdooClient client, Connection connection, ConnectionSecrets secrets)
{
    /// <summary>The first Odoo major version with JSON-2.</summary>
    public const int Json2Since = 19;
    private readonly SharedAttempt<IOdooProtocol> _chosen = new();

    public async Task<string> NameAsync(CancellationToken cancellationToken) => (await ChooseAsync(cancellationToken)).Name;

    public async Task<OdooReply> CallAsync(string model, string method, JsonObject arguments, CancellationToken cancellationToken) =>
        await (await ChooseAsync(cancellationToken)).CallAsync(model, method, arguments, cancellationToken);

    /// <summary>Once per connector; a failed or cancelled probe is tried again by the next call.</summary>
    private Task<IOdooProtocol> ChooseAsync(CancellationToken cancellationToken) => _chosen.GetAsync(DetectAsync, cancellationToken);

    private async Task<IOdooProtocol> DetectAsync(CancellationToken cancellationToken)
    {
        var json2 = connection.OdooProtocol switch
        {
            "json2" => true,
            "jsonrpc" => false,
            _ => (await client.VersionAsync(connection.BaseUrl, cancellationToken)).Major >= Json2Since,
        };
        return json2 ? new OdooJson2(client, connection, secrets) : new OdooJsonRpc(client, connection, secrets);
    }
}
