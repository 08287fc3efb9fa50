using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Connections;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// JSON-RPC <c>object.execute_kw</c> after <c>common.authenticate</c> with the API key as password (connectors.md
/// §2.2): the domain goes positionally (every Odoo version takes it so), the other named arguments as kwargs.
/// </summary>
internal sealed class OdooJsonRpc(OdooClient client, Connection connection, ConnectionSecrets secrets) : IOdooProtocol
{
    private readonly SharedAttempt<int> _login = new();

    public string Name => "jsonrpc";

    public async Task<OdooReply> CallAsync(string model, string method, JsonObject arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var uid = await LoginAsync(cancellationToken);
        var kwargs = (JsonObject)arguments.DeepClone();
        var positional = new JsonArray();
        if (kwargs.Remove("domain", out var domain))
        {
            positional.Add(domain);
        }

        var document = await client.CallAsync(connection.BaseUrl, "object", "execute_kw",
            [connection.DatabaseName, uid, secrets.Secret, model, method, positional, kwargs], cancellationToken);
        return new OdooReply(document, document.RootElement.GetProperty("result"));
    }

    /// <summary>Once per connector; a failed or cancelled login is tried again by the next call.</summary>
    private Task<int> LoginAsync(CancellationToken cancellationToken) => _login.GetAsync(AuthenticateAsync, cancellationToken);

    private async Task<int> AuthenticateAsync(CancellationToken cancellationToken)
    {
        using var document = await client.CallAsync(connection.BaseUrl, "common", "authenticate",
            [connection.DatabaseName, connection.Login, secrets.Secret, new JsonObject()], cancellationToken);
        var result = document.RootElement.GetProperty("result");
        return result.ValueKind == JsonValueKind.Number
            ? result.GetInt32()
            : throw new SourceException($"Odoo refused the login of \"{connection.Login}\" to database \"{connection.DatabaseName}\" (bad login or API key)", 200, "odoo.exceptions.AccessDenied");
    }
}
