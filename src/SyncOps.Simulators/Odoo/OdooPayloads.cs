using System.Globalization;
using System.Text.Json;

namespace SyncOps.Simulators.Odoo;

/// <summary>
/// Odoo records as <c>search_read</c> returns them: only the requested fields plus id, <c>false</c> for empty values,
/// many2one as <c>[id, "display name"]</c>, x2many as id lists, datetimes as UTC "YYYY-MM-DD HH:MM:SS" (connectors.md §2.3).
/// </summary>
internal static class OdooPayloads
{
    public static readonly IReadOnlyDictionary<string, string> Models = new Dictionary<string, string>
    {
        ["res.partner"] = "customer",
        ["product.product"] = "product",
        ["sale.order"] = "order",
    };

    public static void Write(Utf8JsonWriter w, SimulatedCatalog catalog, string entityName, int index, IReadOnlyCollection<string>? fields)
    {
        var entity = catalog.Entity(entityName);
        var seed = catalog.Options.Seed;
        var revision = entity.RevisionOf(index);
        w.WriteStartObject();
        w.WriteNumber("id", entity.IdOf(index));
        bool Want(string field) => fields is null || fields.Count == 0 || fields.Contains(field);
        void Value(string field, object? value)
        {
            if (!Want(field))
            {
                return;
            }

            w.WritePropertyName(field);
            switch (value)
            {
                case null or false:
                    w.WriteBooleanValue(false);
                    break;
                case true:
                    w.WriteBooleanValue(true);
                    break;
                case string text:
                    w.WriteStringValue(text);
                    break;
                case decimal number:
                    w.WriteNumberValue(number);
                    break;
                case long number:
                    w.WriteNumberValue(number);
                    break;
                case int number:
                    w.WriteNumberValue(number);
                    break;
                case (long id, string name):
                    w.WriteStartArray();
                    w.WriteNumberValue(id);
                    w.WriteStringValue(name);
                    w.WriteEndArray();
                    break;
                case long[] ids:
                    w.WriteStartArray();
                    foreach (var id in ids)
                    {
                        w.WriteNumberValue(id);
                    }

                    w.WriteEndArray();
                    break;
                default:
                    throw new InvalidOperationException($"cannot write {value.GetType()}");
            }
        }

        switch (entityName)
        {
            case "customer":
                var (first, last) = (Names.First(seed, index), Names.Last(seed, index));
                var (city, _, country) = Names.Place(seed, index + revision);
                Value("name", $"{first} {last}");
                Value("email", index % 10 == 9 ? null : Names.Email(first, last, entity.IdOf(index)));
                Value("phone", $"+1 555 {revision:D4}");
                Value("city", city);
                Value("country_id", (CountryId(country), CountryName(country)));
                Value("commercial_company_name", null);
                Value("comment", null);
                break;
            case "product":
                var price = Names.Price(seed, index) + revision;
                Value("name", $"{Names.Product(seed, index)} #{index + 1}");
                Value("default_code", $"FURN_{index + 1:D5}");
                Value("type", index % 4 == 0 ? "service" : "consu");
                Value("list_price", price);
                Value("lst_price", price);
                Value("active", index % 25 != 24);
                Value("product_tmpl_id", (10_000L + index, $"{Names.Product(seed, index)} #{index + 1}"));
                Value("qty_available", (decimal)(index % 40));
                break;
            default:
                var partner = catalog.Customers.Count == 0 ? 0 : Names.Mix(seed, index, 7) % catalog.Customers.Count;
                Value("name", $"S{entity.IdOf(index) - SimulatedCatalog.OrderIdBase + 1:D5}");
                Value("state", ((Names.Mix(seed, index, 5) + revision) % 4) switch { 0 => "draft", 1 => "sent", 2 => "sale", _ => "cancel" });
                Value("currency_id", (2L, "USD"));
                Value("amount_total", Names.Price(seed, index + 5) * (1 + (index % 3)));
                Value("partner_id", (catalog.Customers.IdOf(partner), $"{Names.First(seed, partner)} {Names.Last(seed, partner)}"));
                Value("order_line", Enumerable.Range(0, 1 + (index % 3)).Select(l => (entity.IdOf(index) * 4) + l).ToArray());
                Value("date_order", Date(entity.CreatedOf(index)));
                break;
        }

        Value("create_date", Date(entity.CreatedOf(index)));
        Value("write_date", catalog.IsBad(index) ? "2024-13-45 99:99:99" : Date(entity.ModifiedOf(index)));
        w.WriteEndObject();
    }

    private static long CountryId(string code) => code switch { "US" => 233, "BR" => 31, "FR" => 75, "JP" => 113, "DE" => 57, "NG" => 164, "CA" => 38, _ => 110 };

    private static string CountryName(string code) => code switch
    {
        "US" => "United States", "BR" => "Brazil", "FR" => "France", "JP" => "Japan", "DE" => "Germany", "NG" => "Nigeria", "CA" => "Canada", _ => "Italy",
    };

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
