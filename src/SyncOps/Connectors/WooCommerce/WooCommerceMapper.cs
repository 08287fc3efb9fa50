using System.Globalization;
using System.Text.Json;
using static SyncOps.Connectors.JsonValues;

namespace SyncOps.Connectors.WooCommerce;

/// <summary>
/// WooCommerce REST v3 payloads (fixtures in reference/fixtures/woocommerce) into canonical rows. Dates come from the
/// <c>*_gmt</c> fields, which are UTC without an offset (connectors.md §1.4); the plain ones are site-local.
/// </summary>
internal static class WooCommerceMapper
{
    /// <param name="entity">The entity the payload is (customer, product, variation, order).</param>
    /// <param name="element">One payload as the store returned it.</param>
    /// <param name="parentId">For a variation, its product: variation payloads do not carry it.</param>
    public static SourceItem Map(string entity, JsonElement element, string? parentId = null)
    {
        try
        {
            var id = Id(element);
            var fields = entity switch
            {
                SyncEntity.Customer => Customer(element),
                SyncEntity.Product => Product(element, parentId),
                _ => Order(element),
            };
            return SourceItem.Mapped(Record(element, id, fields, UtcDate(element, "date_created_gmt"), UtcDate(element, "date_modified_gmt")));
        }
        catch (MappingException e)
        {
            return SourceItem.Failed(TryId(element), e.Message);
        }
    }

    private static string?[] Customer(JsonElement c)
    {
        var billing = Property(c, "billing") ?? default;
        return
        [
            Text(c, "email"), Text(c, "first_name"), Text(c, "last_name"), NullIfEmpty(Join(Text(c, "first_name"), Text(c, "last_name"))),
            Text(billing, "company"), Text(billing, "phone"), Text(billing, "city"), Text(billing, "country"),
        ];
    }

    private static string?[] Product(JsonElement p, string? parentId)
    {
        // A variation carries parent_id (its product); a top-level product has parent_id 0.
        var parent = parentId ?? Integer(p, "parent_id");
        return
        [
            parent is null or "0" ? null : parent, Text(p, "name"), Text(p, "sku"), Text(p, "type") ?? "variation",
            Text(p, "status"), Decimal(p, "price"), Decimal(p, "regular_price"), Integer(p, "stock_quantity"),
        ];
    }

    private static string?[] Order(JsonElement o)
    {
        // customer_id 0 is a guest (connectors.md §1.2): no customer row to point at.
        var customer = Integer(o, "customer_id");
        var lines = Property(o, "line_items") is { ValueKind: JsonValueKind.Array } items ? items.GetArrayLength() : 0;
        return
        [
            Text(o, "number"), Text(o, "status"), Text(o, "currency"), Decimal(o, "total"),
            customer is null or "0" ? null : customer, Text(Property(o, "billing") ?? default, "email"),
            lines.ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
