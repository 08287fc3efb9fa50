using System.Text.Json.Nodes;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;
using SyncOps.Server.GoTrue;

namespace SyncOps.Server.Dashboard.Users;

/// <summary>
/// Who calls the dashboard's endpoints: the access token from the session cookie (set by <c>POST /api/session</c>, so
/// that <c>EventSource</c>, which cannot send headers, is signed in too) or from <c>Authorization: Bearer</c>. Only user
/// tokens (role authenticated with a <c>sub</c>) sign in: the dashboard shows a user's organisations. A password
/// sign-in also leaves a refresh-token cookie, which renews an expired access token (<see cref="DashboardSessions"/>).
/// </summary>
internal sealed class DashboardAuth(JwtAuthenticator authenticator, DashboardSessions sessions, DashboardOptions options)
{
    public const string CookieName = "syncops_session";

    /// <summary>The user, or null when the request carries no valid user token.</summary>
    public async Task<DashboardUser?> AuthenticateAsync(HttpRequest request)
    {
        var token = request.Cookies[CookieName];
        if (token is not { Length: > 0 } && request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            return await AuthenticateTokenAsync(authorization);
        }

        if (token is { Length: > 0 } && await AuthenticateTokenAsync("Bearer " + token) is { } user)
        {
            return user;
        }

        if (request.Cookies[DashboardSessions.RefreshCookieName] is { Length: > 0 } refresh
            && await sessions.RefreshAsync(refresh) is { } renewed)
        {
            SetSessionCookies(request.HttpContext, renewed.AccessToken, renewed.RefreshToken, options);
            return await AuthenticateTokenAsync("Bearer " + renewed.AccessToken);
        }

        return null;
    }

    /// <summary>The session cookies: HttpOnly, SameSite=Strict; the refresh token's only with a password sign-in.</summary>
    public static void SetSessionCookies(HttpContext context, string accessToken, string? refreshToken, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var cookie = new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = options.SessionLifetime,
        };
        context.Response.Cookies.Append(CookieName, accessToken, cookie);
        if (refreshToken is not null)
        {
            context.Response.Cookies.Append(DashboardSessions.RefreshCookieName, refreshToken, cookie);
        }
    }

    /// <summary>Checks a raw token (sign-in form); null when it is not a valid user token.</summary>
    public Task<DashboardUser?> AuthenticateTokenAsync(string? authorization) => ValidateAsync(authorization);

    private async Task<DashboardUser?> ValidateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        RequestIdentity identity;
        try
        {
            identity = await authenticator.AuthenticateAsync(authorization, null);
        }
        catch (PostgrestException)
        {
            return null;
        }

        if (identity.Role != RoleNames.Authenticated)
        {
            return null;
        }

        var sub = JsonNode.Parse(identity.ClaimsJson)?["sub"]?.GetValue<string>();
        return Guid.TryParse(sub, out var userId) ? new DashboardUser(identity, userId) : null;
    }
}
