namespace SyncOps.Server.GoTrue;

/// <summary>A row of <c>auth.users</c>, the columns GoTrue's user object shows.</summary>
internal sealed record AuthUser(
    Guid Id,
    string Email,
    string AppMetadataJson,
    string UserMetadataJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EmailConfirmedAt,
    DateTimeOffset? LastSignInAt);
