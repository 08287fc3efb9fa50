using System.Globalization;
using Npgsql;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Full scans mark records deleted at the source with deleted_at (never remove them), and only when the scan was complete.</summary>
public sealed class DeletionDetectionTests : EngineTest
{
    [Fact]
    public async Task FullScan_RecordsDeletedAtSource_MarkedDeletedAndKept()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 80, Seed = 5 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        var gone = new[] { 0, 31, 79 };
        foreach (var index in gone)
        {
            Assert.True(store.Catalog.Customers.Delete(index));
        }

        var scan = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));

        Assert.Equal(SyncStatus.Completed, scan.Status);
        Assert.Equal((77, 3), (scan.Processed, scan.Deleted));
        Assert.Equal(80, await CountAsync("customers"));
        Assert.Equal(Ids(store, gone), await DeletedIdsAsync("customers"));
    }

    [Fact]
    public async Task FullScan_DeletedRecordRestoredAtSource_Undeleted()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 40 });
        var connection = await AddWooAsync(store);
        store.Catalog.Customers.Delete(7);
        store.Catalog.Customers.Delete(8);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        store.Catalog.Customers.Restore(7);
        store.Catalog.Customers.Restore(8);
        store.Catalog.Customers.Delete(9);
        var first = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        Assert.Equal(Ids(store, [9]), await DeletedIdsAsync("customers"));
        store.Catalog.Customers.Restore(9);

        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));

        Assert.Equal((SyncStatus.Completed, 1), (first.Status, first.Deleted));
        Assert.Equal((SyncStatus.Completed, 0), (second.Status, second.Deleted));
        Assert.Empty(await DeletedIdsAsync("customers"));
        Assert.Equal(40, await CountAsync("customers"));
    }

    [Fact]
    public async Task IncrementalRun_RecordsDeletedAtSource_NotMarked()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 30, Orders = 60 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order, Full: true));
        store.Catalog.Customers.Delete(3);
        store.Catalog.Orders.Delete(59);

        var customers = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        var orders = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));

        // Only a full scan proves an absence: an incremental listing is a window, not the store.
        Assert.Equal((SyncStatus.Completed, SyncStatus.Completed), (customers.Status, orders.Status));
        Assert.Equal((0, 0), (customers.Deleted, orders.Deleted));
        Assert.Empty(await DeletedIdsAsync("customers"));
        Assert.Empty(await DeletedIdsAsync("orders"));
    }

    [Fact]
    public async Task FullScan_IncompleteScan_MarksNothing()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 50 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        // The store now lists 10 fewer records than its total says: the scan cannot be trusted to have seen them all.
        var broken = await StartWooAsync(new SimulatorOptions { Customers = 40, OverstatesTotalBy = 10 });
        await ExecuteAsync("update public.connections set base_url = $1 where id = $2", broken.BaseUrl, connection.Id);

        var scan = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));

        Assert.Equal(SyncStatus.Failed, scan.Status);
        Assert.Equal(0, scan.Deleted);
        Assert.Empty(await DeletedIdsAsync("customers"));
        Assert.Equal(50, await CountAsync("customers"));
    }

    [Fact]
    public async Task FullScan_AnotherConnectionsRows_LeftAlone()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 20 });
        var connection = await AddWooAsync(store);
        var otherConnection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));
        // A record the other connection wrote: this store never lists it, yet it is not this scan's to judge.
        await ExecuteAsync(
            "insert into public.customers (org_id, source_system, external_id, connection_id, content_hash, raw) values ($1, 'woocommerce', '999001', $2, '\\x00', '{}')",
            OrgId, otherConnection.Id);
        store.Catalog.Customers.Delete(0);

        var scan = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer, Full: true));

        Assert.Equal((SyncStatus.Completed, 1), (scan.Status, scan.Deleted));
        Assert.Equal(Ids(store, [0]), await DeletedIdsAsync("customers"));
    }

    private static List<string> Ids(WooCommerceSimulator store, int[] indexes) =>
        indexes.Select(i => store.Catalog.Customers.IdOf(i).ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();

    private async Task<List<string>> DeletedIdsAsync(string table)
    {
        var ids = new List<string>();
        await using var command = DataSource.CreateCommand(
            $"select external_id from public.{table} where org_id = $1 and deleted_at is not null order by external_id collate \"C\"");
        command.Parameters.Add(new NpgsqlParameter { Value = OrgId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
