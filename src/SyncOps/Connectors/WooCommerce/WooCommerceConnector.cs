using System.Globalization;
using System.Text.Json;
using SyncOps.Connections;
using SyncOps.Connectors.Http;

namespace SyncOps.Connectors.WooCommerce;

/// <summary>
/// Pulls customers, products (with their variations) and orders from WooCommerce REST v3, paged by offset so that a
/// checkpoint names an exact row. Orders and products: <c>modified_after</c> + <c>dates_are_gmt=true</c> for incremental
/// runs. Every list is read in id order: a record edited mid-scan keeps its place (in <c>orderby=modified</c> it would
/// jump to the end and shift every later offset past one record; the scan checks would catch it and scan again, but
/// a busy store would keep shifting). Customers have no date filter
/// (connectors.md §1.2), so every customer run is a full scan by id and unchanged rows are skipped by hash.
/// </summary>
public sealed class WooCommerceConnector(WooCommerceClient client, Connection connection, ConnectionSecrets secrets, SourceHttpOptions options)
    : ISourceConnector
{
    public string SourceSystem => "woocommerce";

    public int PageSize => options.PageSize;

    public bool FiltersByModification(string entity) => entity != SyncEntity.Customer;

    /// <summary>Page numbers when offsets fail: a caching layer that keys on <c>page</c> alone serves offsets wrongly.</summary>
    public SourcePaging? FallbackPaging(string entity, SourcePaging current) => current == SourcePaging.Offset ? SourcePaging.PageNumber : null;

    public async Task<SourceProbe> TestAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, int>();
        foreach (var entity in SyncEntity.All)
        {
            var response = await client.GetAsync(Url(Resource(entity), [new("per_page", "1")]), secrets, cancellationToken);
            totals[entity] = response.Total ?? 0;
        }

        return new SourceProbe(SourceSystem, "wc/v3", totals);
    }

    public async Task<SourcePage> FetchPageAsync(string entity, SourceWindow window, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        List<KeyValuePair<string, string>> query =
        [
            new("per_page", PageSize.ToString(CultureInfo.InvariantCulture)),
            window.Paging == SourcePaging.PageNumber
                ? new("page", ((offset / PageSize) + 1).ToString(CultureInfo.InvariantCulture))
                : new("offset", offset.ToString(CultureInfo.InvariantCulture)),
            new("order", "asc"),
        ];
        if (window.ModifiedSince is { } since && FiltersByModification(entity))
        {
            // Naive UTC with dates_are_gmt=true: offsets in the string are ignored by WooCommerce (§1.4).
            query.Add(new("modified_after", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
            query.Add(new("dates_are_gmt", "true"));
        }

        query.Add(new("orderby", "id"));

        var response = await client.GetAsync(Url(Resource(entity), query), secrets, cancellationToken);
        var items = new List<SourceItem>();
        int consumed;
        using (var document = JsonDocument.Parse(response.Body))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new SourceException($"GET {Resource(entity)}: expected a JSON array, got {document.RootElement.ValueKind}");
            }

            consumed = document.RootElement.GetArrayLength();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                items.Add(WooCommerceMapper.Map(entity, element));
                if (entity == SyncEntity.Product && JsonValues.Text(element, "type") == "variable" && items[^1].ExternalId is { } parentId)
                {
                    await AddVariationsAsync(parentId, items, cancellationToken);
                }
            }
        }

        return new SourcePage(items, consumed, response.Total ?? offset + consumed);
    }

    /// <summary>Variations are only listed per product (connectors.md §1.1, §4.3).</summary>
    private async Task AddVariationsAsync(string productId, List<SourceItem> items, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync(Url($"products/{productId}/variations",
                [new("per_page", "100"), new("page", page.ToString(CultureInfo.InvariantCulture))]), secrets, cancellationToken);
            using var document = JsonDocument.Parse(response.Body);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                items.Add(WooCommerceMapper.Map(SyncEntity.Product, element, productId));
            }

            if (page >= (response.TotalPages ?? 1))
            {
                return;
            }
        }
    }

    private static string Resource(string entity) => entity switch
    {
        SyncEntity.Customer => "customers",
        SyncEntity.Product => "products",
        _ => "orders",
    };

    private Uri Url(string path, IEnumerable<KeyValuePair<string, string>> query) =>
        new($"{connection.BaseUrl}/wp-json/wc/v3/{path}?" + string.Join('&',
            query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
}
