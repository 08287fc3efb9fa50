using SyncOps.Server.Errors;
using SyncOps.Server.Rest;

namespace SyncOps.Server.Hosting;

/// <summary>
/// Rejects over-long URLs with the error object. Kestrel's own request-line limit is set far above this one, because
/// Kestrel answers with an empty body, which postgrest-js cannot explain to the caller (reference §10.1: long in.() lists).
/// </summary>
internal sealed class UrlLengthMiddleware(RequestDelegate next, RestOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var length = (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        return length <= options.MaxUrlLength
            ? next(context)
            : RestResponses.WriteErrorAsync(context, new PostgrestError(
                "SYNCOPS414", $"The limit is {options.MaxUrlLength} characters.",
                "Pass long lists to a function (rpc) in the request body instead.", "URI too long") { Status = 414 });
    }
}
