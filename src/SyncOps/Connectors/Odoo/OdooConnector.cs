using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncOps.Connections;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// Pulls res.partner, product.product and sale.order with <c>search_read</c> / <c>search_count</c> and named arguments,
/// over JSON-2 on Odoo 19+ or JSON-RPC before (<see cref="OdooProtocolChoice"/>). Lists are walked in id order within
/// an id range fixed when the scan starts (<c>id &lt;= the highest id then</c>), so records created during the scan
/// never shift a page (they are newer than the run's start and come with the next run); incremental runs add
/// <c>write_date &gt;= since</c>, which a record edited mid-scan never leaves. The fallback paging is by id ranges,
/// which deletes cannot shift either. Archived records are included (<c>active_test: false</c>) so an archival reaches
/// the canonical table; the engine keeps an overlap before the watermark because Odoo stamps write_date at
/// transaction start (connectors.md §2.6).
/// </summary>
public sealed class OdooConnector(OdooClient client, Connection connection, ConnectionSecrets secrets, SourceHttpOptions options)
    : ISourceConnector
{
    private readonly ConcurrentDictionary<string, Task<int>> _ceilings = new();
    private readonly OdooProtocolChoice _protocol = new(client, connection, secrets);

    public string SourceSystem => "odoo";

    public int PageSize => options.PageSize;

    public bool FiltersByModification(string entity) => true;

    public SourcePaging? FallbackPaging(string entity, SourcePaging current) => current == SourcePaging.Offset ? SourcePaging.IdRange : null;

    /// <summary>The protocol in use ("json2" or "jsonrpc"), detected on first use unless the connection forces one.</summary>
    public Task<string> ProtocolAsync(CancellationToken cancellationToken) => _protocol.NameAsync(cancellationToken);

    public async Task<SourceProbe> TestAsync(CancellationToken cancellationToken)
    {
        var (_, version) = await client.VersionAsync(connection.BaseUrl, cancellationToken);
        var totals = new Dictionary<string, int>();
        foreach (var entity in SyncEntity.All)
        {
            totals[entity] = await CountAsync(entity, [], cancellationToken);
        }

        return new SourceProbe(SourceSystem, $"{version ?? "unknown"} ({await ProtocolAsync(cancellationToken)})", totals);
    }

    public async Task<SourcePage> FetchPageAsync(string entity, SourceWindow window, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (model, fields) = OdooMapper.Models[entity];
        var ceiling = await CeilingAsync(entity, window, cancellationToken);
        var domain = Window(window);
        domain.Add(new JsonArray("id", "<=", ceiling));
        var total = await CountAsync(entity, domain, cancellationToken);
        var arguments = new JsonObject
        {
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()),
            ["order"] = "id asc",
            ["context"] = new JsonObject { ["active_test"] = false },
        };
        if (window.Paging == SourcePaging.IdRange)
        {
            // The cursor is an id: this page is (offset, offset + page size], whatever was inserted or deleted elsewhere.
            domain.Add(new JsonArray("id", ">", offset));
            domain.Add(new JsonArray("id", "<=", offset + PageSize));
        }
        else
        {
            arguments["offset"] = offset;
            arguments["limit"] = PageSize;
        }

        arguments["domain"] = domain;
        using var reply = await _protocol.CallAsync(model, "search_read", arguments, cancellationToken);
        var items = reply.Value.EnumerateArray().Select(element => OdooMapper.Map(entity, element)).ToList();
        return window.Paging == SourcePaging.IdRange
            ? new SourcePage(items, Math.Clamp(ceiling - offset, 0, PageSize), total) { End = ceiling }
            : new SourcePage(items, items.Count, Math.Max(total, offset + items.Count));
    }

    private static JsonArray Window(SourceWindow window) => window.ModifiedSince is { } since
        ? [new JsonArray("write_date", ">=", since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))]
        : [];

    /// <summary>The highest id in the window when the scan first asked, cached per window for the connector's life (one run).</summary>
    private Task<int> CeilingAsync(string entity, SourceWindow window, CancellationToken cancellationToken) =>
        _ceilings.GetOrAdd(entity + "|" + window.ModifiedSince?.ToString("O", CultureInfo.InvariantCulture), async _ =>
        {
            var arguments = new JsonObject
            {
                ["domain"] = Window(window),
                ["fields"] = new JsonArray("id"),
                ["order"] = "id desc",
                ["limit"] = 1,
                ["context"] = new JsonObject { ["active_test"] = false },
            };
            using var reply = await _protocol.CallAsync(OdooMapper.Models[entity].Model, "search_read", arguments, cancellationToken);
            return reply.Value.GetArrayLength() == 0 ? 0 : reply.Value[0].GetProperty("id").GetInt32();
        });

    private async Task<int> CountAsync(string entity, JsonArray domain, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["domain"] = domain.DeepClone(), ["context"] = new JsonObject { ["active_test"] = false } };
        using var reply = await _protocol.CallAsync(OdooMapper.Models[entity].Model, "search_count", arguments, cancellationToken);
        return reply.Value.ValueKind == JsonValueKind.Number
            ? reply.Value.GetInt32()
            : throw new SourceException($"Odoo {OdooMapper.Models[entity].Model}.search_count returned {reply.Value.ValueKind}, not a number");
    }
}
