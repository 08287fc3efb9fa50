namespace SyncOps.Server.Dashboard.Users;

/// <summary>
/// The dashboard API's one sign-in check, on its route group: a request without a valid user token gets 401
/// <c>{"message"}</c> before any endpoint runs; otherwise the endpoint finds the user with <see cref="UserOf"/>.
/// </summary>
internal sealed class SignInFilter(DashboardAuth auth) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await auth.AuthenticateAsync(context.HttpContext.Request) is not { } user)
        {
            return TypedResults.Json(new { message = "sign in with an access token" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        context.HttpContext.Features.Set(user);
        return await next(context);
    }

    /// <summary>The user the filter signed in; only endpoints in the filtered group may ask.</summary>
    public static DashboardUser UserOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<DashboardUser>()
            ?? throw new InvalidOperationException("this endpoint is not in the signed-in group: map it with MapSignedInApi");
    }
}
