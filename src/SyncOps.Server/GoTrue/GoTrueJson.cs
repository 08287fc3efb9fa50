using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Server.Auth;

namespace SyncOps.Server.GoTrue;

/// <summary>GoTrue's user object, session response and access-token claims (realtime-and-auth.md, Auth).</summary>
internal sealed class GoTrueJson(JwtIssuer issuer, GoTrueOptions options, TimeProvider timeProvider)
{
    /// <summary><c>{access_token, token_type, expires_in, expires_at, refresh_token, user}</c> with a fresh access token.</summary>
    public JsonObject Session(AuthUser user, Guid sessionId, string refreshToken, string method)
    {
        var now = timeProvider.GetUtcNow();
        var lifetime = options.AccessTokenLifetime;
        return new JsonObject
        {
            ["access_token"] = AccessToken(user, sessionId, method, now),
            ["token_type"] = "bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["expires_at"] = (now + lifetime).ToUnixTimeSeconds(),
            ["refresh_token"] = refreshToken,
            ["user"] = User(user),
        };
    }

    public static JsonObject User(AuthUser user) => new()
    {
        ["id"] = user.Id.ToString(),
        ["aud"] = RoleNames.Authenticated,
        ["role"] = RoleNames.Authenticated,
        ["email"] = user.Email,
        ["email_confirmed_at"] = Time(user.EmailConfirmedAt),
        ["phone"] = "",
        ["confirmed_at"] = Time(user.EmailConfirmedAt),
        ["last_sign_in_at"] = Time(user.LastSignInAt),
        ["app_metadata"] = JsonNode.Parse(user.AppMetadataJson),
        ["user_metadata"] = JsonNode.Parse(user.UserMetadataJson),
        ["identities"] = new JsonArray(),
        ["created_at"] = Time(user.CreatedAt),
        ["updated_at"] = Time(user.UpdatedAt),
        ["is_anonymous"] = false,
    };

    private string AccessToken(AuthUser user, Guid sessionId, string method, DateTimeOffset now) =>
        issuer.Create(new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            ["aud"] = RoleNames.Authenticated,
            ["role"] = RoleNames.Authenticated,
            ["email"] = user.Email,
            ["phone"] = "",
            ["app_metadata"] = JsonDocument.Parse(user.AppMetadataJson).RootElement,
            ["user_metadata"] = JsonDocument.Parse(user.UserMetadataJson).RootElement,
            ["aal"] = "aal1",
            ["amr"] = new[] { new Dictionary<string, object> { ["method"] = method, ["timestamp"] = now.ToUnixTimeSeconds() } },
            ["session_id"] = sessionId.ToString(),
            ["is_anonymous"] = false,
        }, options.AccessTokenLifetime);

    private static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
