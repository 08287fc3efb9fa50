using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// The dashboard's password sign-in, through the same users, sessions and rate limits as <c>/auth/v1</c>: the access
/// token goes in the session cookie, the refresh token in a second HttpOnly cookie, and an expired access token is
/// replaced from the refresh token on the next request. The dashboard sends several requests at once; the first one
/// to find the token expired rotates it and the others, arriving within <see cref="ConcurrentRefreshWindow"/>, get the
/// same result instead of handing in the spent token again (which reuse detection would punish by ending the session).
/// </summary>
internal sealed class DashboardSessions(
    AuthUserStore users, SessionStore sessions, GoTrueJson json, GoTrueRateLimits limits, GoTrueState state, TimeProvider timeProvider)
{
    public const string RefreshCookieName = "syncops_refresh";
    public static readonly TimeSpan ConcurrentRefreshWindow = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (Task<Tokens?> Refresh, DateTimeOffset At)> _recent = new(StringComparer.Ordinal);

    /// <summary>An access token and the refresh token that replaces it.</summary>
    internal sealed record Tokens(string AccessToken, string RefreshToken);

    /// <summary>Signs a user in with e-mail and password; null with the reason when that fails.</summary>
    public async Task<(Tokens? Tokens, string? Error)> SignInAsync(string? email, string? password, string address, CancellationToken ct)
    {
        if (!await state.IsEnabledAsync())
        {
            return (null, "this server signs in with Supabase Auth: sign in there, then use the access token");
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return (null, "enter your e-mail address and password");
        }

        if (!limits.TrySignIn(address, email))
        {
            return (null, GoTrueError.RateLimited().Msg);
        }

        if (await users.VerifyPasswordAsync(email, password, ct) is not { } user)
        {
            return (null, GoTrueError.InvalidCredentials().Msg);
        }

        await users.RecordSignInAsync(user.Id, ct);
        var (sessionId, refreshToken) = await sessions.StartAsync(user.Id, ct);
        return (ToTokens(json.Session(user, sessionId, refreshToken, "password")), null);
    }

    /// <summary>New tokens for a refresh token, or null when it no longer works (the user signs in again).</summary>
    public Task<Tokens?> RefreshAsync(string refreshToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (token, entry) in _recent)
        {
            if (now - entry.At > ConcurrentRefreshWindow)
            {
                _recent.TryRemove(token, out _);
            }
        }

        // Not the first request's token: its abort must not cancel the rotation the others wait for.
        return _recent.GetOrAdd(refreshToken, token => (RotateAsync(token, CancellationToken.None), now)).Refresh;
    }

    public Task SignOutAsync(string refreshToken, CancellationToken ct) => sessions.EndByRefreshTokenAsync(refreshToken, ct);

    private async Task<Tokens?> RotateAsync(string refreshToken, CancellationToken ct)
    {
        var outcome = await sessions.RotateAsync(refreshToken, ct);
        return outcome.Status == RefreshStatus.Rotated && await users.GetAsync(outcome.UserId, ct) is { } user
            ? ToTokens(json.Session(user, outcome.SessionId, outcome.RefreshToken!, "password"))
            : null;
    }

    private static Tokens ToTokens(JsonObject session) =>
        new(session["access_token"]!.GetValue<string>(), session["refresh_token"]!.GetValue<string>());
}
