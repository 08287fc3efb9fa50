namespace SyncOps.Server.Hosting;

/// <summary>
/// CORS as PostgREST answers it (protocol reference §9): any origin; preflights allow the methods PostgREST serves and
/// echo the requested headers; responses expose Content-Range (without it, count does not work in a browser).
/// </summary>
internal sealed class CorsMiddleware(RequestDelegate next)
{
    private const string ExposedHeaders =
        "Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue("Origin", out var origin) || origin.Count == 0)
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            headers.AccessControlAllowMethods = "GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD";
            var requested = request.Headers.AccessControlRequestHeaders.ToString();
            headers.AccessControlAllowHeaders = requested.Length > 0 ? requested + ", Authorization" : "Authorization";
            headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }

        headers.AccessControlExposeHeaders = ExposedHeaders;
        return next(context);
    }
}
