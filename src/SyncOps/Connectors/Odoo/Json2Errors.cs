using System.Text.Json;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// JSON-2 errors as clear messages. Odoo answers 4xx/5xx with <c>{name, message, arguments, context, debug}</c>
/// (connectors.md §2.5, fixture json2-error-401-invalid-apikey): 401 missing or invalid key, 403 the key's user may not
/// read the model, 404 unknown model or method (or no JSON-2 at all before Odoo 19), 422 bad arguments, 400 / 415 a
/// body that is not a JSON object. The traceback in <c>debug</c> is never copied into the message.
/// </summary>
internal static class Json2Errors
{
    public static SourceException FromResponse(string what, string model, string method, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var (name, message) = Read(body);
        var detail = message ?? SourceText.Describe(body);
        var text = status switch
        {
            401 => $"Odoo refused the API key (HTTP 401 {name}: {detail}): create a new key for the sync user (keys expire) and update the connection",
            403 => $"Odoo denied access to {model} (HTTP 403 {name}: {detail}): give the API key's user read access to this model",
            404 when name is null => $"the server has no JSON-2 API at /json/2 (HTTP 404: {detail}): JSON-2 needs Odoo 19 or later; use the jsonrpc protocol for older versions",
            404 => $"Odoo has no model {model} or no public method {method} on it (HTTP 404 {name}: {detail}): is the module that defines it installed?",
            422 => $"Odoo rejected the arguments of {model}.{method} (HTTP 422 {name}: {detail})",
            400 or 415 => $"Odoo could not read the request body (HTTP {status} {name}: {detail})",
            _ => $"HTTP {status} {name ?? response.ReasonPhrase}: {detail}",
        };
        return new SourceException($"{what}: {text}", status, name) { Transient = status is 408 or 429 or >= 500 };
    }

    private static (string? Name, string? Message) Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? (JsonValues.Text(root, "name"), JsonValues.Text(root, "message")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null); // an HTML page from a proxy, or Odoo < 19's plain 404
        }
    }
}
