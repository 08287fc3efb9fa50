namespace SyncOps.Connections;

/// <summary>A store or ERP an organisation syncs from, without its secrets (those never leave <see cref="ConnectionStore"/>).</summary>
public sealed record Connection(
    Guid Id,
    string OrgId,
    string SourceSystem,
    string Name,
    string BaseUrl,
    string? DatabaseName,
    string? Login,
    DateTimeOffset CreatedAt);
