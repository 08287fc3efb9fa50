using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Connections;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// Pulls res.partner, product.product and sale.order through <c>execute_kw</c> <c>search_read</c>, paged by offset in
/// <c>write_date asc, id asc</c> order for incremental runs (id order for full ones). Archived records are included
/// (<c>active_test: false</c>) so an archival reaches the canonical table. The engine keeps an overlap before the
/// watermark because Odoo stamps write_date at transaction start (connectors.md §2.6).
/// </summary>
public sealed class OdooConnector(OdooClient client, Connection connection, ConnectionSecrets secrets, SourceHttpOptions options)
    : ISourceConnector
{
    private readonly ConcurrentDictionary<string, int> _totals = new();
    private readonly Lock _loginLock = new();
    private Task<int>? _uid;

    public string SourceSystem => "odoo";

    public int PageSize => options.PageSize;

    public bool FiltersByModification(string entity) => true;

    public SourcePaging? FallbackPaging(string entity, SourcePaging current) => null;

    public async Task<SourceProbe> TestAsync(CancellationToken cancellationToken)
    {
        string? version;
        using (var document = await client.CallAsync(connection.BaseUrl, "common", "version", [], cancellationToken))
        {
            version = JsonValues.Text(document.RootElement.GetProperty("result"), "server_version");
        }

        var totals = new Dictionary<string, int>();
        foreach (var entity in SyncEntity.All)
        {
            totals[entity] = await CountAsync(entity, [], cancellationToken);
        }

        return new SourceProbe(SourceSystem, version, totals);
    }

    public async Task<SourcePage> FetchPageAsync(string entity, SourceWindow window, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var domain = new JsonArray();
        if (window.ModifiedSince is { } since)
        {
            domain.Add(new JsonArray("write_date", ">=", since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        var key = entity + "|" + domain.ToJsonString();
        if (!_totals.TryGetValue(key, out var total))
        {
            total = _totals[key] = await CountAsync(entity, domain, cancellationToken);
        }

        var (model, fields) = OdooMapper.Models[entity];
        var kwargs = new JsonObject
        {
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()),
            ["offset"] = offset,
            ["limit"] = PageSize,
            ["order"] = window.ModifiedSince is null ? "id asc" : "write_date asc, id asc",
            ["context"] = new JsonObject { ["active_test"] = false },
        };
        using var document = await ExecuteAsync(model, "search_read", new JsonArray(domain.DeepClone()), kwargs, cancellationToken);
        var result = document.RootElement.GetProperty("result");
        var items = result.EnumerateArray().Select(element => OdooMapper.Map(entity, element)).ToList();
        return new SourcePage(items, items.Count, Math.Max(total, offset + items.Count));
    }

    private async Task<int> CountAsync(string entity, JsonArray domain, CancellationToken cancellationToken)
    {
        using var document = await ExecuteAsync(OdooMapper.Models[entity].Model, "search_count", new JsonArray(domain.DeepClone()),
            new JsonObject { ["context"] = new JsonObject { ["active_test"] = false } }, cancellationToken);
        return document.RootElement.GetProperty("result").GetInt32();
    }

    private async Task<JsonDocument> ExecuteAsync(string model, string method, JsonArray args, JsonObject kwargs, CancellationToken cancellationToken)
    {
        var uid = await LoginAsync(cancellationToken);
        return await client.CallAsync(connection.BaseUrl, "object", "execute_kw",
            [connection.DatabaseName, uid, secrets.Secret, model, method, args, kwargs], cancellationToken);
    }

    /// <summary>common.authenticate with the API key as password (§2.2), once per connector; false means bad credentials.</summary>
    private Task<int> LoginAsync(CancellationToken cancellationToken)
    {
        lock (_loginLock)
        {
            if (_uid is null || _uid.IsFaulted || _uid.IsCanceled)
            {
                _uid = AuthenticateAsync(cancellationToken);
            }

            return _uid;
        }
    }

    private async Task<int> AuthenticateAsync(CancellationToken cancellationToken)
    {
        using var document = await client.CallAsync(connection.BaseUrl, "common", "authenticate",
            [connection.DatabaseName, connection.Login, secrets.Secret, new JsonObject()], cancellationToken);
        var result = document.RootElement.GetProperty("result");
        return result.ValueKind == JsonValueKind.Number
            ? result.GetInt32()
            : throw new SourceException($"Odoo refused the login of \"{connection.Login}\" to database \"{connection.DatabaseName}\" (bad login or API key)", 200, "odoo.exceptions.AccessDenied");
    }
}
