namespace SyncOps.Server.GoTrue;

/// <summary>What became of a refresh token handed in: a new one for the same session, or why not.</summary>
internal sealed record RefreshOutcome(RefreshStatus Status, Guid UserId = default, Guid SessionId = default, string? RefreshToken = null);

internal enum RefreshStatus
{
    Rotated,
    NotFound,
    /// <summary>Already exchanged once: it leaked, so the whole session was revoked (GoTrue's reuse detection).</summary>
    Reused,
    Expired,
}
