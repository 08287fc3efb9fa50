using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;

namespace SyncOps.Server.GoTrue;

/// <summary>
/// <c>/auth/v1</c>: the GoTrue endpoints supabase-js calls for e-mail and password (realtime-and-auth.md, Auth), with
/// GoTrue's response and error shapes, on the embedded default and any database whose auth schema is SyncOps' own.
/// </summary>
internal static partial class GoTrueEndpoints
{
    public static IEndpointRouteBuilder MapGoTrue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth/v1").AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<GoTrueState>().IsEnabledAsync()
                ? await next(context)
                : GoTrueError.Disabled().ToResult());
        group.MapPost("/token", TokenAsync);
        group.MapPost("/signup", SignupAsync);
        group.MapGet("/user", UserAsync);
        group.MapPost("/logout", LogoutAsync);
        // SyncOps signs with the HS256 secret only, which is never published: GoTrue answers the same way then.
        group.MapGet("/.well-known/jwks.json", () => TypedResults.Json(new { keys = Array.Empty<object>() }));
        group.MapGet("/settings", (GoTrueOptions options) => TypedResults.Json(new JsonObject
        {
            ["external"] = new JsonObject { ["email"] = true, ["phone"] = false, ["anonymous_users"] = false },
            ["disable_signup"] = !options.SignupEnabled,
            ["mailer_autoconfirm"] = true,
            ["phone_autoconfirm"] = false,
            ["sms_provider"] = "",
            ["saml_enabled"] = false,
        }));
        return app;
    }

    private static async Task<IResult> UserAsync(HttpContext context, AuthUserStore users, SessionStore sessions, JwtAuthenticator authenticator)
    {
        var (user, sessionId, error) = await SignedInAsync(context, users, sessions, authenticator);
        return error?.ToResult() ?? TypedResults.Json(GoTrueJson.User(user!));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, AuthUserStore users, SessionStore sessions, JwtAuthenticator authenticator)
    {
        var (_, sessionId, error) = await SignedInAsync(context, users, sessions, authenticator);
        if (error is not null)
        {
            return error.ToResult();
        }

        // supabase-js signs out globally unless told { scope: 'local' }.
        var local = string.Equals(context.Request.Query["scope"], "local", StringComparison.Ordinal);
        await sessions.EndAsync(sessionId!.Value, everySessionOfTheUser: !local, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The user and session of the request's Bearer token, as GoTrue checks them, or the error to answer.</summary>
    private static async Task<(AuthUser? User, Guid? SessionId, GoTrueError? Error)> SignedInAsync(
        HttpContext context, AuthUserStore users, SessionStore sessions, JwtAuthenticator authenticator)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return (null, null, GoTrueError.NoAuthorization());
        }

        RequestIdentity identity;
        try
        {
            identity = await authenticator.AuthenticateAsync(authorization, null);
        }
        catch (PostgrestException e)
        {
            return (null, null, GoTrueError.BadJwt(e.Error.Message));
        }

        var claims = JsonNode.Parse(identity.ClaimsJson)!;
        if (!Guid.TryParse(claims["sub"]?.GetValue<string>(), out var userId)
            || !Guid.TryParse(claims["session_id"]?.GetValue<string>(), out var sessionId))
        {
            return (null, null, GoTrueError.BadJwt("missing sub or session_id claim"));
        }

        if (!await sessions.ExistsAsync(sessionId, context.RequestAborted))
        {
            return (null, null, GoTrueError.SessionNotFound());
        }

        return await users.GetAsync(userId, context.RequestAborted) is { } user
            ? (user, sessionId, null)
            : (null, null, GoTrueError.UserNotFound());
    }

    /// <summary>The request's JSON object body, or the GoTrue error for one that is not.</summary>
    private static async Task<(JsonObject? Body, GoTrueError? Error)> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is JsonObject body
                ? (body, null)
                : (null, GoTrueError.BadJson("expected a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, GoTrueError.BadJson(e.Message));
        }
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
