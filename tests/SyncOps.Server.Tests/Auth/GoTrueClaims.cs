namespace SyncOps.Server.Tests.Auth;

/// <summary>The claims Supabase Auth (GoTrue) puts in a user's access token (realtime-and-auth.md, "Access-token claims").</summary>
internal static class GoTrueClaims
{
    public static Dictionary<string, object> For(Guid userId, string email = "user@example.com") => new()
    {
        ["iss"] = "https://abcdefghijklmnop.supabase.co/auth/v1",
        ["sub"] = userId.ToString(),
        ["aud"] = "authenticated",
        ["email"] = email,
        ["phone"] = "",
        ["app_metadata"] = new Dictionary<string, object> { ["provider"] = "email", ["providers"] = new[] { "email" } },
        ["user_metadata"] = new Dictionary<string, object> { ["email_verified"] = true },
        ["role"] = "authenticated",
        ["aal"] = "aal1",
        ["amr"] = new[] { new Dictionary<string, object> { ["method"] = "password", ["timestamp"] = 1_764_000_000 } },
        ["session_id"] = Guid.NewGuid().ToString(),
        ["is_anonymous"] = false,
    };
}
