namespace SyncOps.Connections;

/// <summary>What <c>connection add</c> says. WooCommerce: key + secret. Odoo: database, login and the API key as secret.</summary>
public sealed record NewConnection(
    string OrgId,
    string SourceSystem,
    string BaseUrl,
    ConnectionSecrets Secrets,
    string? Name = null,
    string? DatabaseName = null,
    string? Login = null);
