using System.Text.Json.Serialization;
using Npgsql;
using SyncOps.Server.Auth;
using SyncOps.Server.Dashboard.Api;
using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard;

/// <summary>
/// Sign-in and sign-out: <c>POST /api/session</c> takes a user's access token (from <c>syncops user add</c>) and keeps
/// it in an HttpOnly, SameSite=Strict cookie; <c>GET /api/me</c> says who is signed in and in which organisations;
/// <c>GET /demo-login</c> is <see cref="DemoSignIn"/>. All but <c>/api/me</c> work before sign-in, so they are mapped
/// beside the signed-in route group, not in it.
/// </summary>
public static class SessionEndpoints
{
    public sealed record SignIn([property: JsonPropertyName("access_token")] string? AccessToken);

    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", async Task<IResult> (SignIn body, HttpContext context, DashboardAuth auth, UserDatabase database, DashboardOptions options) =>
        {
            var user = await auth.AuthenticateTokenAsync("Bearer " + body.AccessToken?.Trim());
            if (user is null)
            {
                return ApiResults.BadRequest("that is not a valid user access token (run: ./syncops user add ORG)");
            }

            SetCookie(context, body.AccessToken!.Trim(), options);
            return await MeAsync(user, database, context.RequestAborted);
        });
        app.MapDelete("/api/session", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(DashboardAuth.CookieName);
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
            select json_build_object('user_id', auth.uid(), 'email', auth.jwt() ->> 'email',
                                     'org_ids', coalesce(to_json(auth.org_ids()), '[]'))::text
            """, ct));

    private static async Task<IResult> DemoAsync(
        HttpContext context, NpgsqlDataSource dataSource, JwtIssuer issuer, DashboardOptions options, CancellationToken ct)
    {
        if (options.DemoSignIn != true)
        {
            return ApiResults.NotFound("the demo sign-in only exists on the embedded default database");
        }

        await using var command = dataSource.CreateCommand("select id from auth.users_extended where email = $1 order by id limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = DemoSignIn.Email });
        if (await command.ExecuteScalarAsync(ct) is not Guid userId)
        {
            return ApiResults.NotFound("there is no demo user yet: run ./syncops demo");
        }

        SetCookie(context, issuer.UserToken(userId, options.SessionLifetime, DemoSignIn.Email), options);
        return TypedResults.Redirect("/");
    }

    private static void SetCookie(HttpContext context, string token, DashboardOptions options) =>
        context.Response.Cookies.Append(DashboardAuth.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = options.SessionLifetime,
        });
}
