using SyncOps.Configuration;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// Whether SyncOps' own <c>/auth/v1</c> serves: not when Supabase Auth signs the tokens (<c>SYNCOPS_JWKS_URL</c>), and
/// not when the database's auth schema is Supabase's (no SyncOps users table there). Decided once, on first use.
/// </summary>
internal sealed class GoTrueState(SyncOpsSettings settings, AuthUserStore users)
{
    private Task<bool>? _enabled;

    public Task<bool> IsEnabledAsync() => _enabled ??= settings.JwksUrl is null ? users.IsAvailableAsync() : Task.FromResult(false);
}
