using SyncOps.Simulators;

namespace SyncOps.Tests.Engine;

/// <summary>
/// The cause of the 10,000,000-record bench's stall: the simulator dated its records a minute apart from 2024, so
/// past about 1.5 million they were created in the future; the scan counted 8.46 million as created during the
/// pass, judged "the total went from 10,000,000 to 10,000,000 with 8,462,541 created meanwhile: 8,462,541 were
/// deleted while paging" and scanned again (slowly: the simulator then swept 100,000 OAuth nonces on every request).
/// </summary>
public sealed class LargeCatalogDatesTests
{
    private static readonly DateTime s_endOf2025 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1_000_001)]
    [InlineData(10_000_000)]
    [InlineData(60_000_000)]
    public void Catalog_MillionsOfRecords_AllCreatedAndModifiedBefore2026(int customers)
    {
        var catalog = new SimulatedCatalog(new SimulatorOptions { Customers = customers, Products = 0, Orders = 0 });

        var last = customers - 1;
        Assert.True(catalog.Customers.ModifiedOf(last) < s_endOf2025, $"last record modified {catalog.Customers.ModifiedOf(last):O}");
        // Still in order and distinct, so paging by modification date works as before.
        Assert.True(catalog.Customers.CreatedOf(last) > catalog.Customers.CreatedOf(last - 1));
    }

    [Fact]
    public void Catalog_UpToAMillionRecords_StillAMinuteApart()
    {
        var catalog = new SimulatedCatalog(new SimulatorOptions { Customers = 1_000_000, Products = 0, Orders = 0 });

        Assert.Equal(TimeSpan.FromMinutes(1), catalog.Customers.CreatedOf(5) - catalog.Customers.CreatedOf(4));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(999_999), catalog.Customers.CreatedOf(999_999));
    }
}
