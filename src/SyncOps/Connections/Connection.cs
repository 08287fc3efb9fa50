namespace SyncOps.Connections;

/// <summary>
/// A store or ERP an organisation syncs from, without its secrets (those never leave <see cref="ConnectionStore"/>).
/// <see cref="OdooProtocol"/>: "jsonrpc" or "json2" when forced, null to detect it from the server's version.
/// </summary>
public sealed record Connection(
    Guid Id,
    string OrgId,
    string SourceSystem,
    string Name,
    string BaseUrl,
    string? DatabaseName,
    string? Login,
    DateTimeOffset CreatedAt,
    string? OdooProtocol = null);
