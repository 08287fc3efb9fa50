using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SyncOps.Simulators.Odoo;

/// <summary>
/// An Odoo server's external JSON-RPC API (<c>POST /jsonrpc</c>): common.version/login/authenticate, object.execute_kw
/// with search_count and search_read (domain on write_date, offset, limit, order "id asc" or "write_date asc, id asc")
/// on res.partner, product.product and sale.order; <c>GET /web/version</c>. Errors use Odoo's envelope over HTTP 200
/// with <c>error.data.name</c> (connectors.md §2.4); a body that is not JSON gets plain 400.
/// </summary>
public sealed class OdooSimulator : SimulatorHost
{
    private const int Uid = 2;

    public OdooSimulator(SimulatorOptions options, TimeProvider? timeProvider = null) : base(options, timeProvider)
    {
    }

    public static async Task<OdooSimulator> StartAsync(SimulatorOptions options, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new OdooSimulator(options);
        await simulator.StartAsync(port, cancellationToken);
        return simulator;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/web/version", () => Results.Json(new { version_info = new object[] { 17, 0, 0, "final", 0, "" }, version = "17.0" }));
        app.MapPost("/jsonrpc", HandleAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        JsonDocument request;
        try
        {
            request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("Invalid JSON data");
            return;
        }

        using (request)
        {
            var root = request.RootElement;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : default;
            if (!root.TryGetProperty("params", out var parameters) || !parameters.TryGetProperty("service", out var service) ||
                !parameters.TryGetProperty("method", out var method) || !parameters.TryGetProperty("args", out var args))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("Invalid JSON-RPC data");
                return;
            }

            var isData = service.GetString() == "object";
            if (isData && Faults.Next() is { } fault && await ServeFaultAsync(context, fault, () => Envelope(id, w => w.WriteStartArray("result"), close: true)))
            {
                return;
            }

            string body;
            try
            {
                body = (service.GetString(), method.GetString()) switch
                {
                    ("common", "version") => Envelope(id, w =>
                    {
                        w.WriteStartObject("result");
                        w.WriteString("server_version", "17.0");
                        w.WriteStartArray("server_version_info");
                        w.WriteNumberValue(17);
                        w.WriteNumberValue(0);
                        w.WriteNumberValue(0);
                        w.WriteStringValue("final");
                        w.WriteNumberValue(0);
                        w.WriteStringValue("");
                        w.WriteEndArray();
                        w.WriteString("server_serie", "17.0");
                        w.WriteNumber("protocol_version", 1);
                        w.WriteEndObject();
                    }),
                    ("common", "login" or "authenticate") => Envelope(id, w =>
                    {
                        // Bad credentials: login returns false (connectors.md §2.2).
                        if (Authenticated(args[0].GetString(), args[1].GetString(), args[2].GetString()))
                        {
                            w.WriteNumber("result", Uid);
                        }
                        else
                        {
                            w.WriteBoolean("result", false);
                        }
                    }),
                    ("object", "execute_kw") => ExecuteKw(id, args),
                    _ => throw new OdooError("builtins.NotImplementedError", $"The method {service.GetString()}.{method.GetString()} does not exist"),
                };
            }
            catch (OdooError e)
            {
                body = Envelope(id, w =>
                {
                    w.WriteStartObject("error");
                    w.WriteNumber("code", 200);
                    w.WriteString("message", "Odoo Server Error");
                    w.WriteStartObject("data");
                    w.WriteString("name", e.Name);
                    w.WriteString("debug", $"Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 1770, in _serve_db\n{e.Name}: {e.Message}\n");
                    w.WriteString("message", e.Message);
                    w.WriteStartArray("arguments");
                    w.WriteStringValue(e.Message);
                    w.WriteEndArray();
                    w.WriteStartObject("context");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, Encoding.UTF8);
        }
    }

    private string ExecuteKw(JsonElement id, JsonElement args)
    {
        if (args.GetArrayLength() < 6 || args[0].GetString() != Options.OdooDatabase)
        {
            throw new OdooError("psycopg2.OperationalError", $"connection to server failed: FATAL:  database \"{(args.GetArrayLength() > 0 ? args[0] : default)}\" does not exist");
        }

        if (args[1].ValueKind != JsonValueKind.Number || args[1].GetInt32() != Uid || args[2].GetString() != Options.OdooApiKey)
        {
            throw new OdooError("odoo.exceptions.AccessDenied", "Access Denied");
        }

        var model = args[3].GetString() ?? "";
        if (!OdooPayloads.Models.TryGetValue(model, out var entityName))
        {
            throw new OdooError("builtins.KeyError", $"'{model}'");
        }

        var method = args[4].GetString();
        var positional = args[5];
        var kwargs = args.GetArrayLength() > 6 ? args[6] : default;
        var since = ParseDomain(positional.GetArrayLength() > 0 ? positional[0] : default);
        var entity = Catalog.Entity(entityName);
        var order = Text(kwargs, "order") ?? "id asc";
        var byModified = order.StartsWith("write_date", StringComparison.Ordinal);
        switch (method)
        {
            case "search_count":
                return Envelope(id, w => w.WriteNumber("result", entity.Page(since, byModified, 0, 0).Total));
            case "search_read":
                var offset = Number(kwargs, "offset") ?? 0;
                var limit = Number(kwargs, "limit") ?? int.MaxValue;
                var fields = kwargs.ValueKind == JsonValueKind.Object && kwargs.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                    ? f.EnumerateArray().Select(x => x.GetString()!).ToHashSet()
                    : null;
                var (indexes, _) = entity.Page(since, byModified, offset, Math.Min(limit, 100_000));
                return Envelope(id, w =>
                {
                    w.WriteStartArray("result");
                    foreach (var index in indexes)
                    {
                        OdooPayloads.Write(w, Catalog, entityName, index, fields);
                    }

                    w.WriteEndArray();
                });
            default:
                throw new OdooError("builtins.AttributeError", $"The method '{method}' does not exist on the model '{model}'");
        }
    }

    private bool Authenticated(string? database, string? login, string? key) =>
        database == Options.OdooDatabase && login == Options.OdooLogin && key == Options.OdooApiKey;

    /// <summary>Supports [] and [["write_date", ">=" or ">", "YYYY-MM-DD HH:MM:SS"]] (the engine's incremental domain).</summary>
    private static DateTime? ParseDomain(JsonElement domain)
    {
        if (domain.ValueKind != JsonValueKind.Array || domain.GetArrayLength() == 0)
        {
            return null;
        }

        var term = domain[0];
        if (term.GetArrayLength() != 3 || term[0].GetString() != "write_date" ||
            !DateTime.TryParseExact(term[2].GetString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var bound))
        {
            throw new OdooError("builtins.ValueError", $"Invalid domain term {term.GetRawText()}");
        }

        // The catalog's bound is exclusive: ">=" is "> bound - 1 s" at Odoo's 1 s granularity.
        return term[1].GetString() == ">=" ? bound.AddSeconds(-1) : bound;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static string Envelope(JsonElement id, Action<Utf8JsonWriter> write, bool close = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            if (id.ValueKind == JsonValueKind.Undefined)
            {
                w.WriteNullValue();
            }
            else
            {
                id.WriteTo(w);
            }

            write(w);
            if (close)
            {
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class OdooError(string name, string message) : Exception(message)
    {
        public string Name { get; } = name;
    }
}
