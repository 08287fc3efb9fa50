using SyncOps.Server.Rest.Catalog;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>A function of the document with its comment (the first line becomes the summary, as in PostgREST).</summary>
internal sealed record OpenApiRoutine(FunctionInfo Function, string? Description);
