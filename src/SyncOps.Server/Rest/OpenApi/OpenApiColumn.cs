namespace SyncOps.Server.Rest.OpenApi;

/// <summary>A column as the OpenAPI document describes it (PostgREST's <c>Column</c>: type, nullability, length, default, comment, enum labels).</summary>
internal sealed record OpenApiColumn(
    string Name, string Type, bool Nullable, int? MaxLength, string? Default, string? Description, IReadOnlyList<string> EnumLabels);
