using System.Globalization;
using System.Text.Json;

namespace SyncOps.Simulators.WooCommerce;

/// <summary>
/// Writes records in the shape of the published wc/v3 fixtures: dates without offset (<c>*_gmt</c> in UTC, the plain
/// twin in site-local time, here UTC-3 as in the fixtures), money as strings, <c>line_items[].price</c> as a number,
/// empty values as "" or null, <c>_links</c> on every object.
/// </summary>
internal static class WooCommercePayloads
{
    private static readonly TimeSpan s_siteOffset = TimeSpan.FromHours(-3);

    public static void Customer(Utf8JsonWriter w, SimulatedCatalog catalog, int index, string baseUrl)
    {
        var seed = catalog.Options.Seed;
        var entity = catalog.Customers;
        var id = entity.IdOf(index);
        var revision = entity.RevisionOf(index);
        var (first, last) = (Names.First(seed, index), Names.Last(seed, index));
        var email = Names.Email(first, last, id);
        var (city, state, country) = Names.Place(seed, index + revision);
        w.WriteStartObject();
        w.WriteNumber("id", id);
        Dates(w, catalog, entity, index);
        w.WriteString("email", email);
        w.WriteString("first_name", first);
        w.WriteString("last_name", last);
        w.WriteString("role", "customer");
        w.WriteString("username", $"{first}.{last}.{id}".ToLowerInvariant());
        Address(w, "billing", first, last, city, state, country, email, $"(555) 555-{revision:D4}");
        Address(w, "shipping", first, last, city, state, country, null, null);
        w.WriteBoolean("is_paying_customer", index % 3 == 0);
        w.WriteString("avatar_url", "https://secure.gravatar.com/avatar/8eb1b522f60d11fa897de1dc6351b7e8?s=96");
        w.WriteStartArray("meta_data");
        w.WriteEndArray();
        Links(w, baseUrl, $"customers/{id}", "customers");
        w.WriteEndObject();
    }

    public static void Product(Utf8JsonWriter w, SimulatedCatalog catalog, int index, string baseUrl)
    {
        var seed = catalog.Options.Seed;
        var entity = catalog.Products;
        var id = entity.IdOf(index);
        var variable = catalog.IsVariable(index);
        var price = Names.Price(seed, index) + entity.RevisionOf(index);
        var name = $"{Names.Product(seed, index)} #{index + 1}";
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("name", name);
        w.WriteString("slug", name.ToLowerInvariant().Replace(' ', '-').Replace("#", "", StringComparison.Ordinal));
        w.WriteString("permalink", $"{baseUrl}/product/{id}/");
        Dates(w, catalog, entity, index);
        w.WriteString("type", variable ? "variable" : "simple");
        w.WriteString("status", "publish");
        w.WriteBoolean("featured", false);
        w.WriteString("catalog_visibility", "visible");
        w.WriteString("description", "<p>Pellentesque habitant morbi tristique senectus et netus et malesuada fames ac turpis egestas.</p>\n");
        w.WriteString("sku", variable ? "" : $"SKU-{id}");
        w.WriteString("price", variable ? "" : Money(price));
        w.WriteString("regular_price", variable ? "" : Money(price));
        w.WriteString("sale_price", "");
        w.WriteBoolean("on_sale", false);
        w.WriteBoolean("purchasable", !variable);
        w.WriteNumber("total_sales", index % 17);
        w.WriteBoolean("manage_stock", !variable);
        if (variable)
        {
            w.WriteNull("stock_quantity");
        }
        else
        {
            w.WriteNumber("stock_quantity", index % 50);
        }

        w.WriteString("stock_status", "instock");
        w.WriteNumber("parent_id", 0);
        w.WriteStartArray("categories");
        w.WriteStartObject();
        w.WriteNumber("id", 9);
        w.WriteString("name", "Clothing");
        w.WriteString("slug", "clothing");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("images");
        w.WriteEndArray();
        w.WriteStartArray("variations");
        for (var v = 1; variable && v <= catalog.Options.VariationsPerProduct; v++)
        {
            w.WriteNumberValue(id + v);
        }

        w.WriteEndArray();
        w.WriteStartArray("meta_data");
        w.WriteEndArray();
        Links(w, baseUrl, $"products/{id}", "products");
        w.WriteEndObject();
    }

    /// <summary>A variation, as the variations list returns it: no parent_id, no type (fixture product-variation.json).</summary>
    public static void Variation(Utf8JsonWriter w, SimulatedCatalog catalog, int productIndex, int number, string baseUrl)
    {
        var entity = catalog.Products;
        var parentId = entity.IdOf(productIndex);
        var price = Names.Price(catalog.Options.Seed, productIndex) + number + entity.RevisionOf(productIndex);
        w.WriteStartObject();
        w.WriteNumber("id", parentId + number);
        Dates(w, catalog, entity, productIndex);
        w.WriteString("description", "");
        w.WriteString("permalink", $"{baseUrl}/product/{parentId}/?attribute_pa_size={number}");
        w.WriteString("sku", $"SKU-{parentId}-{number}");
        w.WriteString("price", Money(price));
        w.WriteString("regular_price", Money(price));
        w.WriteString("sale_price", "");
        w.WriteString("status", "publish");
        w.WriteBoolean("manage_stock", true);
        w.WriteNumber("stock_quantity", number * 4);
        w.WriteString("stock_status", "instock");
        w.WriteStartArray("attributes");
        w.WriteStartObject();
        w.WriteNumber("id", 6);
        w.WriteString("name", "Size");
        w.WriteString("option", number switch { 1 => "S", 2 => "M", 3 => "L", _ => "XL" });
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("meta_data");
        w.WriteEndArray();
        Links(w, baseUrl, $"products/{parentId}/variations/{parentId + number}", $"products/{parentId}/variations");
        w.WriteEndObject();
    }

    public static void Order(Utf8JsonWriter w, SimulatedCatalog catalog, int index, string baseUrl)
    {
        var seed = catalog.Options.Seed;
        var entity = catalog.Orders;
        var id = entity.IdOf(index);
        var revision = entity.RevisionOf(index);
        // Every fourth order is a guest's (customer_id 0): guests live only inside orders (connectors.md §1.2).
        var customerIndex = catalog.Customers.Count == 0 || index % 4 == 3 ? -1 : Names.Mix(seed, index, 7) % catalog.Customers.Count;
        var (first, last) = customerIndex >= 0 ? (Names.First(seed, customerIndex), Names.Last(seed, customerIndex)) : (Names.First(seed, index + 99), Names.Last(seed, index + 99));
        var customerId = customerIndex >= 0 ? catalog.Customers.IdOf(customerIndex) : 0;
        var email = Names.Email(first, last, customerId == 0 ? id : customerId);
        var (city, state, country) = Names.Place(seed, customerIndex >= 0 ? customerIndex : index);
        var quantity = 1 + (index % 3);
        var unit = Names.Price(seed, index + 5);
        var shipping = 10m;
        var total = (quantity * unit) + shipping;
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteNumber("parent_id", 0);
        w.WriteString("number", id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("order_key", $"wc_order_{Names.Mix(seed, index, 8):x}");
        w.WriteString("created_via", "checkout");
        w.WriteString("version", "8.5.2");
        w.WriteString("status", Names.OrderStatus(seed, index, revision));
        w.WriteString("currency", "USD");
        Dates(w, catalog, entity, index);
        w.WriteString("discount_total", "0.00");
        w.WriteString("shipping_total", Money(shipping));
        w.WriteString("total", Money(total));
        w.WriteString("total_tax", "0.00");
        w.WriteBoolean("prices_include_tax", false);
        w.WriteNumber("customer_id", customerId);
        w.WriteString("customer_note", "");
        Address(w, "billing", first, last, city, state, country, email, "(555) 555-5555");
        Address(w, "shipping", first, last, city, state, country, null, null);
        w.WriteString("payment_method", "bacs");
        w.WriteString("payment_method_title", "Direct Bank Transfer");
        w.WriteString("transaction_id", "");
        w.WriteNull("date_completed");
        w.WriteNull("date_completed_gmt");
        w.WriteStartArray("meta_data");
        w.WriteEndArray();
        w.WriteStartArray("line_items");
        w.WriteStartObject();
        w.WriteNumber("id", (id * 2) + 1);
        w.WriteString("name", Names.Product(seed, index));
        w.WriteNumber("product_id", catalog.Products.Count > 0 ? catalog.Products.IdOf(index % catalog.Products.Count) : 0);
        w.WriteNumber("variation_id", 0);
        w.WriteNumber("quantity", quantity);
        w.WriteString("subtotal", Money(quantity * unit));
        w.WriteString("total", Money(quantity * unit));
        w.WriteString("sku", "");
        w.WriteNumber("price", unit);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("shipping_lines");
        w.WriteEndArray();
        Links(w, baseUrl, $"orders/{id}", "orders");
        w.WriteEndObject();
    }

    private static void Dates(Utf8JsonWriter w, SimulatedCatalog catalog, SimulatedEntity entity, int index)
    {
        var created = entity.CreatedOf(index);
        var modified = entity.ModifiedOf(index);
        w.WriteString("date_created", Date(created + s_siteOffset));
        w.WriteString("date_created_gmt", Date(created));
        w.WriteString("date_modified", Date(modified + s_siteOffset));
        // A record the engine cannot map, when asked for (SimulatorOptions.BadRecordEvery).
        w.WriteString("date_modified_gmt", catalog.IsBad(index) ? "0000-00-00 00:00:00x" : Date(modified));
    }

    private static void Address(Utf8JsonWriter w, string name, string first, string last, string city, string state, string country, string? email, string? phone)
    {
        w.WriteStartObject(name);
        w.WriteString("first_name", first);
        w.WriteString("last_name", last);
        w.WriteString("company", "");
        w.WriteString("address_1", "969 Market");
        w.WriteString("address_2", "");
        w.WriteString("city", city);
        w.WriteString("state", state);
        w.WriteString("postcode", "94103");
        w.WriteString("country", country);
        if (email is not null)
        {
            w.WriteString("email", email);
            w.WriteString("phone", phone);
        }

        w.WriteEndObject();
    }

    private static void Links(Utf8JsonWriter w, string baseUrl, string self, string collection)
    {
        w.WriteStartObject("_links");
        w.WriteStartArray("self");
        w.WriteStartObject();
        w.WriteString("href", $"{baseUrl}/wp-json/wc/v3/{self}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("collection");
        w.WriteStartObject();
        w.WriteString("href", $"{baseUrl}/wp-json/wc/v3/{collection}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
