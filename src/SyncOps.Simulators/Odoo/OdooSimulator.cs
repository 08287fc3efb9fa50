using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SyncOps.Simulators.Odoo;

/// <summary>
/// An Odoo server's external APIs: JSON-RPC (<c>POST /jsonrpc</c>): common.version/login/authenticate, object.execute_kw
/// with search_count and search_read (domain on write_date and id, offset, limit, order "id asc", "id desc" or
/// "write_date asc, id asc") on res.partner, product.product and sale.order; JSON-2 on version 19 and later
/// (OdooSimulator.Json2.cs); <c>GET /web/version</c>. JSON-RPC errors use Odoo's envelope over HTTP 200 with
/// <c>error.data.name</c> (connectors.md §2.4); a body that is not JSON gets plain 400.
/// </summary>
public sealed partial class OdooSimulator : SimulatorHost
{
    private const int Uid = 2;

    private readonly Lock _scanLock = new();
    private int _searchReads;
    private int _jsonRpcCalls;
    private int _json2Calls;

    private string Version => $"{Options.OdooVersion}.0";

    /// <summary>search_read calls answered over JSON-RPC.</summary>
    public int JsonRpcSearchReads => Volatile.Read(ref _jsonRpcCalls);

    /// <summary>search_read calls answered over JSON-2.</summary>
    public int Json2SearchReads => Volatile.Read(ref _json2Calls);

    /// <summary><see cref="SimulatorOptions.ChangeDuringScan"/>: inserts and deletes right after the Nth search_read.</summary>
    private void AfterSearchRead(SimulatedEntity entity)
    {
        lock (_scanLock)
        {
            if (Options.ChangeDuringScan is { } change && ++_searchReads == change.AfterRequest)
            {
                entity.Insert(change.Inserts, TimeProvider.GetUtcNow().UtcDateTime);
                entity.DeleteFirst(change.Deletes);
            }
        }
    }

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
        // The shape of fixture web-version.response-body.json, with the configured version.
        app.MapGet("/web/version", () => Results.Json(new { version_info = new object[] { Options.OdooVersion, 0, 0, "final", 0, "" }, version = Version }));
        app.MapPost("/jsonrpc", HandleAsync);
        app.MapPost("/json/2/{model}/{method}", Json2Async);
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
                        w.WriteString("server_version", Version);
                        w.WriteStartArray("server_version_info");
                        w.WriteNumberValue(Options.OdooVersion);
                        w.WriteNumberValue(0);
                        w.WriteNumberValue(0);
                        w.WriteStringValue("final");
                        w.WriteNumberValue(0);
                        w.WriteStringValue("");
                        w.WriteEndArray();
                        w.WriteString("server_serie", Version);
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

        Authorize(model);
        var method = args[4].GetString();
        var positional = args[5];
        var kwargs = args.GetArrayLength() > 6 ? args[6] : default;
        var domain = OdooDomain.Parse(positional.GetArrayLength() > 0 ? positional[0] : default);
        var entity = Catalog.Entity(entityName);
        var order = Text(kwargs, "order") ?? "id asc";
        switch (method)
        {
            case "search_count":
                return Envelope(id, w => w.WriteNumber("result", OdooQuery.Count(entity, domain)));
            case "search_read":
                var offset = Number(kwargs, "offset") ?? 0;
                var limit = Number(kwargs, "limit") ?? int.MaxValue;
                var fields = kwargs.ValueKind == JsonValueKind.Object && kwargs.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                    ? f.EnumerateArray().Select(x => x.GetString()!).ToHashSet()
                    : null;
                var indexes = OdooQuery.Search(entity, domain, order, offset, Math.Min(limit, 100_000));
                AfterSearchRead(entity);
                Interlocked.Increment(ref _jsonRpcCalls);
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
}
