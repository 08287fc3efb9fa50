using SyncOps.Server.Errors;
using SyncOps.Server.Rest.OpenApi;

namespace SyncOps.Server.Rest;

/// <summary>The PostgREST routes under <c>/rest/v1</c>, where supabase-js sends them (protocol reference §1).</summary>
internal static class RestEndpoints
{
    public static IEndpointRouteBuilder MapRest(this IEndpointRouteBuilder app)
    {
        var rest = app.MapGroup("/rest/v1");
        rest.Map("/rpc/{name}", (HttpContext context, string name, RestHandler handler) => handler.HandleRpcAsync(context, name));
        rest.Map("/{name}", (HttpContext context, string name, RestHandler handler) => handler.HandleTableAsync(context, name));
        rest.MapMethods("/", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, RestHandler handler, OpenApiCatalog catalog) => handler.HandleOpenApiAsync(context, catalog));
        // Never an empty 404: postgrest-js would report it as success (reference §5.2).
        app.MapFallback("/rest/v1/{**path}", InvalidPath);
        // /rest/v1/%2e%2e reaches us as /rest (dot segments are removed before routing): still PostgREST's error object.
        app.MapFallback("/rest/{**path}", InvalidPath);
        app.Map("/rest", InvalidPath);
        return app;
    }

    private static Task InvalidPath(HttpContext context) => RestResponses.WriteErrorAsync(context,
        new PostgrestError("PGRST125", null, null, "Invalid path specified in request URL") { Status = 404 });
}
