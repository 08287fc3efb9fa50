using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SyncOps.Simulators.Odoo;

/// <summary>
/// JSON-2 (Odoo 19+, connectors.md §2.5): <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c>, <c>Authorization: bearer
/// &lt;key&gt;</c>, named arguments as a JSON object, the bare return value. Errors as Odoo sends them: 401 with the
/// published body for a missing or wrong key (Fixtures/json2-error-401-invalid-apikey.response-body.json), 403
/// AccessError, 404 unknown model or method, 422 bad arguments or <c>ids</c> given to a model method, 400 a body that
/// is not a JSON object, 415 not JSON; before version 19 the route does not exist (werkzeug's HTML 404).
/// </summary>
public sealed partial class OdooSimulator
{
    private static readonly Dictionary<string, string[]> s_arguments = new()
    {
        ["search_read"] = ["domain", "fields", "offset", "limit", "order", "context", "load"],
        ["search_count"] = ["domain", "limit", "context"],
    };

    private static readonly Lazy<string> s_invalidKey = new(() =>
    {
        using var stream = typeof(OdooSimulator).Assembly.GetManifestResourceStream("SyncOps.Simulators.Odoo.json2-error-401-invalid-apikey.json")
            ?? throw new InvalidOperationException("the JSON-2 401 fixture is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private async Task Json2Async(HttpContext context, string model, string method)
    {
        var response = context.Response;
        if (Options.OdooVersion < 19)
        {
            response.StatusCode = 404;
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n");
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) || authorization[7..] != Options.OdooApiKey)
        {
            response.StatusCode = 401;
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(s_invalidKey.Value, Encoding.UTF8);
            return;
        }

        if (Faults.Next() is { } fault && await ServeFaultAsync(context, fault, () => "[]"))
        {
            return;
        }

        try
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new OdooError("werkzeug.exceptions.UnsupportedMediaType", "415 Unsupported Media Type: expected application/json", 415);
            }

            using var body = await ReadObjectAsync(context);
            var arguments = body.RootElement;
            var result = Json2Call(model, method, arguments);
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(result, Encoding.UTF8);
        }
        catch (OdooError e)
        {
            response.StatusCode = e.Status;
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(JsonSerializer.Serialize(new
            {
                name = e.Name,
                message = e.Message,
                arguments = new object[] { e.Message, e.Status },
                context = new { },
                debug = $"Traceback (most recent call last):\n  File \"/opt/Odoo/community/odoo/http.py\", line 2212, in _transactioning\n{e.Name}: {e.Message}\n",
            }), Encoding.UTF8);
        }
    }

    private static async Task<JsonDocument> ReadObjectAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            throw new OdooError("werkzeug.exceptions.BadRequest", "400 Bad Request: the body is not valid JSON", 400);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new OdooError("werkzeug.exceptions.BadRequest", "400 Bad Request: the body must be a JSON object of named arguments", 400);
        }

        return document;
    }

    private string Json2Call(string model, string method, JsonElement arguments)
    {
        if (!OdooPayloads.Models.TryGetValue(model, out var entityName))
        {
            throw new OdooError("werkzeug.exceptions.NotFound", $"404 Not Found: the model '{model}' does not exist", 404);
        }

        if (!s_arguments.TryGetValue(method, out var accepted))
        {
            throw new OdooError("werkzeug.exceptions.NotFound", $"404 Not Found: the method '{method}' does not exist or is private on the model '{model}'", 404);
        }

        if (arguments.TryGetProperty("ids", out _))
        {
            throw new OdooError("werkzeug.exceptions.UnprocessableEntity", $"422 Unprocessable Entity: cannot call {model}.{method} with ids", 422);
        }

        if (arguments.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !accepted.Contains(name)) is { } unknown)
        {
            throw new OdooError("werkzeug.exceptions.UnprocessableEntity", $"422 Unprocessable Entity: {method}() got an unexpected keyword argument '{unknown}'", 422);
        }

        Authorize(model);
        var domain = OdooDomain.Parse(arguments.TryGetProperty("domain", out var d) ? d : default);
        var entity = Catalog.Entity(entityName);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            if (method == "search_count")
            {
                w.WriteNumberValue(OdooQuery.Count(entity, domain));
            }
            else
            {
                var fields = arguments.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                    ? f.EnumerateArray().Select(x => x.GetString()!).ToHashSet()
                    : null;
                var indexes = OdooQuery.Search(entity, domain, Text(arguments, "order") ?? "id asc",
                    Number(arguments, "offset") ?? 0, Math.Min(Number(arguments, "limit") ?? int.MaxValue, 100_000));
                AfterSearchRead(entity);
                Interlocked.Increment(ref _json2Calls);
                w.WriteStartArray();
                foreach (var index in indexes)
                {
                    OdooPayloads.Write(w, Catalog, entityName, index, fields);
                }

                w.WriteEndArray();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The configured access rules: a denied model raises AccessError (JSON-2: 403).</summary>
    private void Authorize(string model)
    {
        if (Options.OdooDeniedModels.Contains(model))
        {
            throw new OdooError("odoo.exceptions.AccessError", $"You are not allowed to access '{model}' records. This operation is allowed for the following groups: Sales / User: Own Documents Only", 403);
        }
    }
}
