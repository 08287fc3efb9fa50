namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// A table or view of the document: its comment, whether it takes writes (PostgREST's <c>tableInsertable ||
/// tableUpdatable || tableDeletable</c>, which decides whether POST/PATCH/DELETE are listed), its columns in order.
/// </summary>
internal sealed record OpenApiRelation(string Name, string? Description, bool Writable, IReadOnlyList<OpenApiColumn> Columns);
