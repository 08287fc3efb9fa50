using System.Text.Json.Serialization;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// GoTrue's error body, <c>{"code": HTTP status, "error_code": "...", "msg": "..."}</c>: auth-js reads
/// <c>error_code</c> (API version 2024-01-01) and the message from <c>msg</c> (realtime-and-auth.md, Auth).
/// </summary>
internal sealed record GoTrueError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("msg")] string Msg)
{
    public IResult ToResult() => TypedResults.Json(this, statusCode: Code);

    public static GoTrueError InvalidCredentials() => new(400, "invalid_credentials", "Invalid login credentials");

    public static GoTrueError Validation(string message) => new(400, "validation_failed", message);

    public static GoTrueError BadJson(string message) => new(400, "bad_json", "Could not parse request body as JSON: " + message);

    public static GoTrueError UnsupportedGrant() =>
        new(400, "unsupported_grant_type", "unsupported_grant_type: use password or refresh_token");

    public static GoTrueError RefreshTokenNotFound() => new(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");

    public static GoTrueError RefreshTokenReused() => new(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");

    public static GoTrueError SessionExpired() => new(400, "session_expired", "Invalid Refresh Token: Session Expired");

    public static GoTrueError NoAuthorization() => new(401, "no_authorization", "This endpoint requires a valid Bearer token");

    public static GoTrueError BadJwt(string message) => new(403, "bad_jwt", "invalid JWT: " + message);

    public static GoTrueError SessionNotFound() =>
        new(403, "session_not_found", "Session from session_id claim in JWT does not exist");

    public static GoTrueError UserNotFound() => new(403, "user_not_found", "User from sub claim in JWT does not exist");

    public static GoTrueError SignupDisabled() => new(422, "signup_disabled", "Signups not allowed for this instance");

    public static GoTrueError UserAlreadyExists() => new(422, "user_already_exists", "User already registered");

    public static GoTrueError WeakPassword(string message) => new(422, "weak_password", message);

    public static GoTrueError RateLimited() => new(429, "over_request_rate_limit", "Request rate limit reached");

    public static GoTrueError Disabled() => new(404, "not_found",
        "SyncOps' /auth/v1 is off: this project signs in with Supabase Auth (SYNCOPS_JWKS_URL or an external auth schema)");
}
