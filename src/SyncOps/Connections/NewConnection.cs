namespace SyncOps.Connections;

/// <summary>
/// What <c>connection add</c> says. WooCommerce: key + secret. Odoo: database, login and the API key as secret, and
/// optionally the protocol to force ("jsonrpc" or "json2"; detected from /web/version when absent).
/// </summary>
public sealed record NewConnection(
    string OrgId,
    string SourceSystem,
    string BaseUrl,
    ConnectionSecrets Secrets,
    string? Name = null,
    string? DatabaseName = null,
    string? Login = null,
    string? OdooProtocol = null);
