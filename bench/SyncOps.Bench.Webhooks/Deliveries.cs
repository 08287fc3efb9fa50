using System.Globalization;
using System.Text;

namespace SyncOps.Bench.Webhooks;

/// <summary>
/// The deliveries a store sends during a bulk edit: customers with several revisions each (WooCommerce REST v3 shape,
/// about 1 KB like reference/fixtures/woocommerce/customer.json), shuffled so that older revisions often arrive late.
/// </summary>
internal static class Deliveries
{
    private static readonly DateTime s_start = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    public static List<(string Topic, byte[] Body)> Create(int count, int revisions = 4)
    {
        var list = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var (id, revision) = (1 + (i / revisions), i % revisions);
            list.Add((revision == 0 ? "customer.created" : "customer.updated", Encoding.UTF8.GetBytes(Customer(id, revision))));
        }

        new Random(42).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    private static string Customer(int id, int revision)
    {
        var modified = s_start.AddMinutes(revision).ToString("s", CultureInfo.InvariantCulture);
        return $$$"""
            {"id":{{{id}}},"date_created":"2017-03-21T16:09:28","date_created_gmt":"2017-03-21T19:09:28","date_modified":"{{{modified}}}",
            "date_modified_gmt":"{{{modified}}}","email":"customer{{{id}}}.r{{{revision}}}@example.com","first_name":"John","last_name":"Doe",
            "role":"customer","username":"john.doe.{{{id}}}","billing":{"first_name":"John","last_name":"Doe","company":"","address_1":"969 Market",
            "address_2":"","city":"San Francisco","state":"CA","postcode":"94103","country":"US","email":"customer{{{id}}}@example.com",
            "phone":"(555) 555-{{{revision:D4}}}"},"shipping":{"first_name":"John","last_name":"Doe","company":"","address_1":"969 Market",
            "address_2":"","city":"San Francisco","state":"CA","postcode":"94103","country":"US"},"is_paying_customer":false,
            "avatar_url":"https://secure.gravatar.com/avatar/8eb1b522f60d11fa897de1dc6351b7e8?s=96","meta_data":[],
            "_links":{"self":[{"href":"https://example.com/wp-json/wc/v3/customers/{{{id}}}"}],"collection":[{"href":"https://example.com/wp-json/wc/v3/customers"}]}}
            """;
    }
}
