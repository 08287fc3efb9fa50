using System.Text.Json.Nodes;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Dashboard.Users;

/// <summary>
/// Who calls the dashboard's endpoints: the access token from the session cookie (set by <c>POST /api/session</c>, so
/// that <c>EventSource</c>, which cannot send headers, is signed in too) or from <c>Authorization: Bearer</c>. Only user
/// tokens (role authenticated with a <c>sub</c>) sign in: the dashboard shows a user's organisations.
/// </summary>
public sealed class DashboardAuth(JwtAuthenticator authenticator)
{
    public const string CookieName = "syncops_session";

    /// <summary>The user, or null when the request carries no valid user token.</summary>
    public Task<DashboardUser?> AuthenticateAsync(HttpRequest request)
    {
        var token = request.Cookies[CookieName];
        string? authorization = token is { Length: > 0 } ? "Bearer " + token : request.Headers.Authorization.ToString();
        return AuthenticateTokenAsync(authorization);
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
