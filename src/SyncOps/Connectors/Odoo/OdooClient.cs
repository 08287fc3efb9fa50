using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// The typed HttpClient for Odoo's external JSON-RPC API (<c>POST /jsonrpc</c>, connectors.md §2.1, §2.4). HTTP 200
/// carries errors too: they come back as Odoo's envelope, surfaced with the exception name in <c>error.data.name</c>.
/// </summary>
public sealed partial class OdooClient(HttpClient http)
{
    private int _nextId;

    /// <summary>Calls service.method(args) and returns the parsed response; the caller reads <c>result</c>.</summary>
    internal async Task<JsonDocument> CallAsync(string baseUrl, string service, string method, JsonArray args, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
            ["id"] = Interlocked.Increment(ref _nextId),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/jsonrpc")
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var what = $"Odoo {service}.{Describe(method, args)}";
        byte[] body;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            body = await BufferedBody.ReadAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw SourceErrors.FromResponse(what, response, body, root =>
                    (JsonValues.Text(root, "name"), JsonValues.Text(root, "message")));
            }
        }
        catch (Exception e) when (SourceErrors.IsTransport(e) && !cancellationToken.IsCancellationRequested)
        {
            throw SourceErrors.FromTransport(what, e);
        }

        var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            // Branch on data.name, not on code: code is 200, 0, 100 or 404 depending on version and case (§2.4).
            var data = JsonValues.Property(error, "data") ?? default;
            var name = JsonValues.Text(data, "name") ?? "odoo error";
            var message = JsonValues.Text(data, "message") ?? JsonValues.Text(error, "message");
            document.Dispose();
            throw new SourceException($"{what}: {name}: {message}", 200, name);
        }

        return document;
    }

    private static string Describe(string method, JsonArray args) =>
        method == "execute_kw" && args.Count > 4 ? $"execute_kw({args[3]}.{args[4]})" : method;
}
