using System.Text.Json.Serialization;
using Npgsql;
using SyncOps.Server.Auth;
using SyncOps.Server.Dashboard.Api;
using SyncOps.Server.Dashboard.Users;
using SyncOps.Server.GoTrue;

namespace SyncOps.Server.Dashboard;

/// <summary>
/// Sign-in and sign-out: <c>POST /api/session</c> takes a user's e-mail and password (<see cref="DashboardSessions"/>)
/// and keeps the access and refresh tokens in HttpOnly, SameSite=Strict cookies; <c>GET /api/me</c> says who is signed in and in which organisations;
/// <c>GET /demo-login</c> is <see cref="DemoSignIn"/>. All but <c>/api/me</c> work before sign-in, so they are mapped
/// beside the signed-in route group, not in it.
/// </summary>
internal static class SessionEndpoints
{
    internal sealed record SignIn(
        [property: JsonPropertyName("email")] string? Email, [property: JsonPropertyName("password")] string? Password);

    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", async Task<IResult> (
            SignIn body, HttpContext context, DashboardAuth auth, DashboardSessions sessions, UserDatabase database, DashboardOptions options) =>
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var (tokens, error) = await sessions.SignInAsync(body.Email, body.Password, address, context.RequestAborted);
            if (tokens is null || await auth.AuthenticateTokenAsync("Bearer " + tokens.AccessToken) is not { } user)
            {
                return ApiResults.BadRequest(error ?? "sign-in failed");
            }

            DashboardAuth.SetSessionCookies(context, tokens.AccessToken, tokens.RefreshToken, options);
            return await MeAsync(user, database, context.RequestAborted);
        });
        app.MapDelete("/api/session", async (HttpContext context, DashboardSessions sessions) =>
        {
            if (context.Request.Cookies[DashboardSessions.RefreshCookieName] is { Length: > 0 } refresh)
            {
                await sessions.SignOutAsync(refresh, context.RequestAborted);
            }

            context.Response.Cookies.Delete(DashboardAuth.CookieName);
            context.Response.Cookies.Delete(DashboardSessions.RefreshCookieName);
            return TypedResults.NoContent();
        });
        app.MapGet(DemoSignIn.Path, DemoAsync);
        app.MapGet("/api/config", (DashboardOptions options) => TypedResults.Ok(new { demo_sign_in = options.DemoSignIn == true }));
        return app;
    }

    /// <summary>Maps <c>/me</c> on the signed-in route group (<see cref="SignInFilter"/>).</summary>
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/me", (HttpContext context, UserDatabase database) =>
            MeAsync(SignInFilter.UserOf(context), database, context.RequestAborted));
        return signedIn;
    }

    private static async Task<IResult> MeAsync(DashboardUser user, UserDatabase database, CancellationToken ct) =>
        ApiResults.Json(await database.JsonAsync(user,
            """
            select json_build_object('user_id', auth.uid(),
                                     -- not auth.jwt(): older Supabase projects lack it (docs/supabase.md)
                                     'email', nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email',
                                     'org_ids', coalesce(to_json(syncops_auth.org_ids()), '[]'))::text
            """, ct));

    private static async Task<IResult> DemoAsync(
        HttpContext context, NpgsqlDataSource dataSource, JwtIssuer issuer, DashboardOptions options, CancellationToken ct)
    {
        if (options.DemoSignIn != true)
        {
            return ApiResults.NotFound("the demo sign-in only exists on the embedded default database");
        }

        await using var command = dataSource.CreateCommand("select id from syncops_auth.users_extended where email = $1 order by id limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = DemoSignIn.Email });
        if (await command.ExecuteScalarAsync(ct) is not Guid userId)
        {
            return ApiResults.NotFound("there is no demo user yet: run ./syncops demo");
        }

        DashboardAuth.SetSessionCookies(context, issuer.UserToken(userId, options.SessionLifetime, DemoSignIn.Email), null, options);
        return TypedResults.Redirect("/");
    }
}
