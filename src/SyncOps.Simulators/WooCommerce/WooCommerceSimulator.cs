using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SyncOps.Simulators.WooCommerce;

/// <summary>
/// A WooCommerce store's REST v3 API at <c>/wp-json/wc/v3</c>: customers, products (+ variations per product) and
/// orders, paged by page or offset with X-WP-Total / X-WP-TotalPages and a Link header carrying only prev/next (as the
/// code does, not the docs); modified_after/dates_are_gmt/orderby=modified on products and orders, none on customers
/// (unknown parameters ignored, as WordPress does); per_page 1..100 else 400 rest_invalid_param; WooCommerce's auth.
/// </summary>
public sealed partial class WooCommerceSimulator : SimulatorHost
{
    private const string Prefix = "/wp-json/wc/v3";
    private readonly WooCommerceAuth _auth;
    private readonly Lock _listLock = new();
    private int _listRequests;
    private List<int>? _previousPage;

    public WooCommerceSimulator(SimulatorOptions options, TimeProvider? timeProvider = null) : base(options, timeProvider) =>
        _auth = new WooCommerceAuth(options, TimeProvider);

    public static async Task<WooCommerceSimulator> StartAsync(SimulatorOptions options, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new WooCommerceSimulator(options);
        await simulator.StartAsync(port, cancellationToken);
        return simulator;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet(Prefix, () => Results.Json(new { @namespace = "wc/v3", routes = new Dictionary<string, object>() }));
        app.MapGet(Prefix + "/{resource}", (HttpContext context, string resource) => resource switch
        {
            "customers" => ListAsync(context, "customer"),
            "products" => ListAsync(context, "product"),
            "orders" => ListAsync(context, "order"),
            _ => Error(context.Response, 404, "rest_no_route", "No route was found matching the URL and request method"),
        });
        app.MapGet(Prefix + "/products/{id:long}/variations", VariationsAsync);
        app.MapFallback((HttpContext context) => Error(context.Response, 404, "rest_no_route", "No route was found matching the URL and request method"));
    }

    private async Task ListAsync(HttpContext context, string entityName)
    {
        if (!await PassAsync(context))
        {
            return;
        }

        var query = context.Request.Query;
        if (!TryPaging(context, out var perPage, out var page, out var offset))
        {
            await Error(context.Response, 400, "rest_invalid_param", "Invalid parameter(s): per_page", new { @params = new { per_page = "per_page must be between 1 (inclusive) and 100 (inclusive)" } });
            return;
        }

        DateTime? after = null;
        var byModified = false;
        if (entityName != "customer")
        {
            // Customers wrap WP_User_Query: no date filters and no orderby=modified (connectors.md §1.2).
            if (DateTime.TryParse(query["modified_after"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var modifiedAfter))
            {
                // Without dates_are_gmt the bound is compared with site-local dates (UTC-3 here).
                after = query["dates_are_gmt"] == "true" ? modifiedAfter : modifiedAfter.AddHours(3);
            }

            byModified = query["orderby"] == "modified";
        }

        var descending = query["order"].ToString() is { Length: > 0 } order ? order == "desc" : entityName != "customer";
        var entity = Catalog.Entity(entityName);
        if (Options.IgnoresOffset)
        {
            offset = null;
            page = Options.IgnoresPageNumber ? 1 : page;
        }

        var start = offset ?? ((page - 1) * perPage);
        var (_, total) = entity.Page(after, byModified, 0, 0);
        var indexes = descending
            ? entity.Page(after, byModified, Math.Max(0, total - start - perPage), Math.Max(0, Math.Min(perPage, total - start))).Indexes.AsEnumerable().Reverse().ToList()
            : entity.Page(after, byModified, start, perPage).Indexes;
        indexes = ScanFaults(entityName, entity, indexes);
        WritePaging(context, total + Options.OverstatesTotalBy, perPage, page);
        var baseUrl = BaseUrl;
        await WriteArrayAsync(context, indexes, (w, i) =>
        {
            switch (entityName)
            {
                case "customer":
                    WooCommercePayloads.Customer(w, Catalog, i, baseUrl);
                    break;
                case "product":
                    WooCommercePayloads.Product(w, Catalog, i, baseUrl);
                    break;
                default:
                    WooCommercePayloads.Order(w, Catalog, i, baseUrl);
                    break;
            }
        });
    }

    /// <summary>The scan faults of the options: a stale page served once, records inserted and deleted mid-scan.</summary>
    private List<int> ScanFaults(string entityName, SimulatedEntity entity, List<int> indexes)
    {
        lock (_listLock)
        {
            _listRequests++;
            var served = Options.RepeatPageAtRequest == _listRequests && _previousPage is not null ? _previousPage : indexes;
            _previousPage = indexes;
            if (Options.ChangeDuringScan is { } change && change.AfterRequest == _listRequests)
            {
                OnChanged(entityName, "created", entity.Insert(change.Inserts, TimeProvider.GetUtcNow().UtcDateTime));
                OnChanged(entityName, "deleted", entity.DeleteFirst(change.Deletes));
            }

            return served;
        }
    }

    private async Task VariationsAsync(HttpContext context, long id)
    {
        if (!await PassAsync(context))
        {
            return;
        }

        var index = (id - SimulatedCatalog.ProductIdBase) / 10;
        if (id < SimulatedCatalog.ProductIdBase || (id - SimulatedCatalog.ProductIdBase) % 10 != 0 || index >= Catalog.Products.Count)
        {
            await Error(context.Response, 404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
            return;
        }

        if (!TryPaging(context, out var perPage, out var page, out var offset))
        {
            await Error(context.Response, 400, "rest_invalid_param", "Invalid parameter(s): per_page");
            return;
        }

        var total = Catalog.IsVariable((int)index) ? Options.VariationsPerProduct : 0;
        var start = offset ?? ((page - 1) * perPage);
        var numbers = Enumerable.Range(1, total).Skip(start).Take(perPage).ToList();
        WritePaging(context, total, perPage, page);
        var baseUrl = BaseUrl;
        await WriteArrayAsync(context, numbers, (w, n) => WooCommercePayloads.Variation(w, Catalog, (int)index, n, baseUrl));
    }

    /// <summary>Authentication, then the fault injector; false when the request was answered already.</summary>
    private async Task<bool> PassAsync(HttpContext context)
    {
        if (_auth.Check(context.Request) is { } refused)
        {
            if (refused.Code == "woocommerce_rest_authentication_error" && context.Request.IsHttps)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field.\"";
            }

            await Error(context.Response, refused.Status, refused.Code, refused.Message);
            return false;
        }

        return Faults.Next() is not { } fault || !await ServeFaultAsync(context, fault, () => "[]");
    }

    private static bool TryPaging(HttpContext context, out int perPage, out int page, out int? offset)
    {
        var query = context.Request.Query;
        perPage = 10;
        page = 1;
        offset = null;
        if (query.ContainsKey("per_page") && (!int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > 100))
        {
            return false;
        }

        if (query.ContainsKey("page") && (!int.TryParse(query["page"], CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return false;
        }

        if (int.TryParse(query["offset"], CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            offset = value;
        }

        return true;
    }

    /// <summary>X-WP-Total, X-WP-TotalPages and a Link with only prev and next (WC_REST_CRUD_Controller::get_items).</summary>
    private static void WritePaging(HttpContext context, int total, int perPage, int page)
    {
        var pages = (int)Math.Ceiling(total / (double)perPage);
        var response = context.Response;
        response.Headers["X-WP-Total"] = total.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-WP-TotalPages"] = pages.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        var request = context.Request;
        string PageUrl(int p) => $"{request.Scheme}://{request.Host}{request.Path}?" + string.Join('&',
            request.Query.Where(q => q.Key != "page" && !q.Key.StartsWith("oauth_", StringComparison.Ordinal))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"page={p}"));
        if (page > 1)
        {
            links.Add($"<{PageUrl(Math.Min(page - 1, Math.Max(pages, 1)))}>; rel=\"prev\"");
        }

        if (page < pages)
        {
            links.Add($"<{PageUrl(page + 1)}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            response.Headers.Link = string.Join(", ", links);
        }
    }

    private static async Task WriteArrayAsync(HttpContext context, List<int> items, Action<Utf8JsonWriter, int> write)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted);
    }

    internal static Task Error(HttpResponse response, int status, string code, string message, object? extra = null)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        var data = new Dictionary<string, object> { ["status"] = status };
        if (extra is not null)
        {
            data["details"] = extra;
        }

        return response.WriteAsync(JsonSerializer.Serialize(new { code, message, data }), Encoding.UTF8);
    }
}
