using System.Text.Json;
using SyncOps.Connectors;
using SyncOps.Connectors.WooCommerce;

namespace SyncOps.Tests.Connectors;

/// <summary>The published wc/v3 payloads (reference/fixtures/woocommerce) through the mapper.</summary>
public sealed class WooCommerceMapperTests
{
    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "woocommerce", name))).RootElement;

    [Fact]
    public void Map_FixtureCustomer_ReadsNamesBillingAndGmtDatesAsUtc()
    {
        var item = WooCommerceMapper.Map(SyncEntity.Customer, Fixture("customer.json"));

        var record = Assert.IsType<CanonicalRecord>(item.Record);
        Assert.Equal("25", record.ExternalId);
        Assert.Equal(new string?[] { "john.doe@example.com", "John", "Doe", "John Doe", null, "(555) 555-5555", "San Francisco", "US" }, record.Fields.AsEnumerable());
        Assert.Equal(new DateTimeOffset(2017, 3, 21, 19, 9, 30, TimeSpan.Zero), record.SourceUpdatedAt);
        Assert.Equal(32, record.ContentHash.Length);
    }

    [Fact]
    public void Map_FixtureOrderOfGuest_HasNoCustomerAndKeepsMoneyExact()
    {
        var order = Fixture("orders-list.json")[0];

        var record = WooCommerceMapper.Map(SyncEntity.Order, order).Record!;

        Assert.Equal("727", record.ExternalId);
        // number, status, currency, total, customer (0 = guest), email, line count
        Assert.Equal(new string?[] { "727", "processing", "USD", "29.35", null, "john.doe@example.com", "2" }, record.Fields.AsEnumerable());
        Assert.Equal(new DateTimeOffset(2017, 3, 22, 19, 28, 8, TimeSpan.Zero), record.SourceUpdatedAt);
    }

    [Fact]
    public void Map_FixtureVariableProduct_EmptyPriceIsNullNotZero()
    {
        var product = Fixture("products-list.json")[0];

        var record = WooCommerceMapper.Map(SyncEntity.Product, product).Record!;

        Assert.Equal("799", record.ExternalId);
        Assert.Equal("variable", record.Fields[3]);
        Assert.Null(record.Fields[5]);
    }

    [Fact]
    public void Map_FixtureVariation_TakesParentFromCaller()
    {
        var record = WooCommerceMapper.Map(SyncEntity.Product, Fixture("product-variation.json"), parentId: "22").Record!;

        Assert.Equal("22", record.Fields[0]);
        Assert.Equal("variation", record.Fields[3]);
    }

    [Fact]
    public void Map_UnparseableDate_FailsWithIdAndReason()
    {
        var broken = JsonDocument.Parse("""{"id": 41, "email": "x@example.com", "date_modified_gmt": "yesterday"}""").RootElement;

        var item = WooCommerceMapper.Map(SyncEntity.Customer, broken);

        Assert.Null(item.Record);
        Assert.Equal("41", item.ExternalId);
        Assert.Contains("date_modified_gmt \"yesterday\" is not a date", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SamePayload_SameHash_ChangedPayload_OtherHash()
    {
        var first = WooCommerceMapper.Map(SyncEntity.Customer, Fixture("customer.json")).Record!;
        var again = WooCommerceMapper.Map(SyncEntity.Customer, Fixture("customer.json")).Record!;
        var changed = WooCommerceMapper.Map(SyncEntity.Customer,
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "woocommerce", "customer.json")).Replace("969 Market", "970 Market", StringComparison.Ordinal)).RootElement).Record!;

        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
    }
}
