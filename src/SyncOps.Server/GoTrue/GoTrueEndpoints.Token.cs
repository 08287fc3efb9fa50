using System.Text.Json.Nodes;

namespace SyncOps.Server.GoTrue;

/// <summary>Signing in: <c>/token?grant_type=password</c>, <c>/token?grant_type=refresh_token</c> and <c>/signup</c>.</summary>
internal static partial class GoTrueEndpoints
{
    private static async Task<IResult> TokenAsync(
        HttpContext context, AuthUserStore users, SessionStore sessions, GoTrueJson json, GoTrueRateLimits limits)
    {
        var (body, error) = await ReadBodyAsync(context.Request);
        if (error is not null)
        {
            return error.ToResult();
        }

        return context.Request.Query["grant_type"].ToString() switch
        {
            "password" => await PasswordAsync(context, body!, users, sessions, json, limits),
            "refresh_token" => await RefreshAsync(context, body!, users, sessions, json, limits),
            _ => GoTrueError.UnsupportedGrant().ToResult(),
        };
    }

    private static async Task<IResult> PasswordAsync(
        HttpContext context, JsonObject body, AuthUserStore users, SessionStore sessions, GoTrueJson json, GoTrueRateLimits limits)
    {
        var (email, password) = (Text(body, "email"), Text(body, "password"));
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return GoTrueError.Validation("missing email or password").ToResult();
        }

        if (!limits.TrySignIn(Address(context), email))
        {
            return GoTrueError.RateLimited().ToResult();
        }

        if (await users.VerifyPasswordAsync(email, password, context.RequestAborted) is not { } user)
        {
            return GoTrueError.InvalidCredentials().ToResult();
        }

        await users.RecordSignInAsync(user.Id, context.RequestAborted);
        var (sessionId, refreshToken) = await sessions.StartAsync(user.Id, context.RequestAborted);
        var signedIn = await users.GetAsync(user.Id, context.RequestAborted) ?? user;
        return TypedResults.Json(json.Session(signedIn, sessionId, refreshToken, "password"));
    }

    private static async Task<IResult> RefreshAsync(
        HttpContext context, JsonObject body, AuthUserStore users, SessionStore sessions, GoTrueJson json, GoTrueRateLimits limits)
    {
        if (Text(body, "refresh_token") is not { Length: > 0 } token)
        {
            return GoTrueError.Validation("refresh_token required").ToResult();
        }

        if (!limits.TryRefresh(Address(context)))
        {
            return GoTrueError.RateLimited().ToResult();
        }

        var outcome = await sessions.RotateAsync(token, context.RequestAborted);
        return outcome.Status switch
        {
            RefreshStatus.Rotated when await users.GetAsync(outcome.UserId, context.RequestAborted) is { } user =>
                TypedResults.Json(json.Session(user, outcome.SessionId, outcome.RefreshToken!, "password")),
            RefreshStatus.Reused => GoTrueError.RefreshTokenReused().ToResult(),
            RefreshStatus.Expired => GoTrueError.SessionExpired().ToResult(),
            _ => GoTrueError.RefreshTokenNotFound().ToResult(),
        };
    }

    private static async Task<IResult> SignupAsync(
        HttpContext context, AuthUserStore users, SessionStore sessions, GoTrueJson json, GoTrueOptions options, GoTrueRateLimits limits)
    {
        if (!options.SignupEnabled)
        {
            return GoTrueError.SignupDisabled().ToResult();
        }

        var (body, error) = await ReadBodyAsync(context.Request);
        if (error is not null)
        {
            return error.ToResult();
        }

        var (email, password) = (Text(body!, "email"), Text(body!, "password"));
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return GoTrueError.Validation("Unable to validate email address: invalid format").ToResult();
        }

        if (PasswordPolicy.Problem(password) is { } problem)
        {
            return GoTrueError.WeakPassword(problem).ToResult();
        }

        if (!limits.TrySignIn(Address(context), email))
        {
            return GoTrueError.RateLimited().ToResult();
        }

        AuthUser user;
        try
        {
            user = await users.CreateAsync(email, password, cancellationToken: context.RequestAborted);
        }
        catch (SyncOpsException)
        {
            return GoTrueError.UserAlreadyExists().ToResult();
        }

        var (sessionId, refreshToken) = await sessions.StartAsync(user.Id, context.RequestAborted);
        return TypedResults.Json(json.Session(user, sessionId, refreshToken, "password"));
    }
}
