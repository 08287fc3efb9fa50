using System.Globalization;
using System.Text.Json;
using static SyncOps.Connectors.JsonValues;

namespace SyncOps.Connectors.Odoo;

/// <summary>
/// Odoo records (res.partner, product.product, sale.order) into canonical rows. Odoo sends <c>false</c> for empty
/// values, many2one as <c>[id, "name"]</c>, datetimes as UTC <c>"YYYY-MM-DD HH:MM:SS"</c> (connectors.md §2.3).
/// </summary>
internal static class OdooMapper
{
    public static readonly IReadOnlyDictionary<string, (string Model, string[] Fields)> Models = new Dictionary<string, (string, string[])>
    {
        [SyncEntity.Customer] = ("res.partner", ["name", "email", "phone", "city", "country_id", "commercial_company_name", "create_date", "write_date"]),
        [SyncEntity.Product] = ("product.product", ["name", "default_code", "type", "list_price", "lst_price", "active", "product_tmpl_id", "qty_available", "create_date", "write_date"]),
        [SyncEntity.Order] = ("sale.order", ["name", "state", "currency_id", "amount_total", "partner_id", "order_line", "create_date", "write_date"]),
    };

    public static SourceItem Map(string entity, JsonElement element)
    {
        try
        {
            var id = Id(element);
            var fields = entity switch
            {
                SyncEntity.Customer =>
                [
                    Text(element, "email"), null, null, Text(element, "name"), Text(element, "commercial_company_name"),
                    Text(element, "phone"), Text(element, "city"), ManyToOneName(element, "country_id"),
                ],
                SyncEntity.Product =>
                [
                    ManyToOneId(element, "product_tmpl_id"), Text(element, "name"), Text(element, "default_code"), Text(element, "type"),
                    Property(element, "active")?.ValueKind == JsonValueKind.False ? "archived" : "active",
                    Decimal(element, "lst_price"), Decimal(element, "list_price"), WholeNumber(element, "qty_available"),
                ],
                _ => new[]
                {
                    Text(element, "name"), Text(element, "state"), ManyToOneName(element, "currency_id"), Decimal(element, "amount_total"),
                    ManyToOneId(element, "partner_id"), null,
                    (Property(element, "order_line") is { ValueKind: JsonValueKind.Array } lines ? lines.GetArrayLength() : 0)
                        .ToString(CultureInfo.InvariantCulture),
                },
            };
            return SourceItem.Mapped(Record(element, id, fields, UtcDate(element, "create_date"), UtcDate(element, "write_date")));
        }
        catch (MappingException e)
        {
            return SourceItem.Failed(TryId(element), e.Message);
        }
    }

    private static string? ManyToOneId(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() > 0 ? pair[0].GetRawText() : null;

    private static string? ManyToOneName(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() > 1 ? pair[1].GetString() : null;

    /// <summary>Odoo quantities are floats; the canonical stock is a whole number.</summary>
    private static string? WholeNumber(JsonElement obj, string name) =>
        Decimal(obj, name) is { } value ? decimal.Truncate(decimal.Parse(value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) : null;
}
