using SyncOps.Server.Errors;
using SyncOps.Server.Rest.OpenApi;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    private const string OpenApiMediaType = "application/openapi+json; charset=utf-8";

    /// <summary>
    /// <c>GET /rest/v1/</c>: the OpenAPI document of the schema <c>Accept-Profile</c> names (supabase-js
    /// <c>.schema('x')</c>), as the caller's role sees it. PostgREST answers it as <c>application/openapi+json</c> for
    /// that type, <c>application/json</c> or <c>*/*</c>, and 406 PGRST107 for anything else.
    /// </summary>
    internal Task HandleOpenApiAsync(HttpContext context, OpenApiCatalog catalog) => HandleAsync(context, async identity =>
    {
        var schemaName = SelectSchema(context);
        var accept = context.Request.Headers.Accept.ToString();
        if (!AcceptsOpenApi(accept))
        {
            throw new PostgrestException(PostgrestError.MediaTypeUnavailable(accept));
        }

        var model = await catalog.LoadAsync(identity, schemaName, context.RequestAborted);
        var body = OpenApiDocument.Build(model, schema.Snapshot, context.Request.Scheme, context.Request.Host.Value ?? "");
        await RestResponses.WriteBodyAsync(context, StatusCodes.Status200OK, body, OpenApiMediaType, context.RequestAborted);
    });

    private static bool AcceptsOpenApi(string accept) =>
        string.IsNullOrWhiteSpace(accept)
        || accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(range => range.Split(';', 2)[0].Trim().ToLowerInvariant())
            .Any(type => type is "*/*" or "application/*" or "application/json" or "application/openapi+json");
}
