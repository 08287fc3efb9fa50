namespace SyncOps.Server.Rest.OpenApi;

/// <summary>What one caller may see of one exposed schema: its comment, its relations and its functions, each sorted by name.</summary>
internal sealed record OpenApiModel(
    string Schema, string? SchemaDescription, IReadOnlyList<OpenApiRelation> Relations, IReadOnlyList<OpenApiRoutine> Routines);
