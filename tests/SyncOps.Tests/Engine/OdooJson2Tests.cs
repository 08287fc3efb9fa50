using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Syncs from the Odoo simulator over JSON-2 (Odoo 19+), and JSON-RPC side by side with it.</summary>
public sealed class OdooJson2Tests : EngineTest
{
    [Theory]
    [InlineData(SyncEntity.Customer, "customers", 70)]
    [InlineData(SyncEntity.Product, "products", 40)]
    [InlineData(SyncEntity.Order, "orders", 90)]
    public async Task Run_Odoo19_DetectsJson2AndWritesEveryRecord(string entity, string table, int count)
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 70, Products = 40, Orders = 90, OdooVersion = 19 });
        var connection = await AddOdooAsync(odoo);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, entity));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(count, result.Processed);
        Assert.Equal(count, await CountAsync(table, "source_system = 'odoo'"));
        Assert.Equal(0, odoo.JsonRpcSearchReads);
        Assert.True(odoo.Json2SearchReads > 0);
    }

    [Fact]
    public async Task Run_Odoo17_StaysOnJsonRpc()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 30 });
        var connection = await AddOdooAsync(odoo);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal((SyncStatus.Completed, 30), (result.Status, result.Processed));
        Assert.Equal(0, odoo.Json2SearchReads);
    }

    [Fact]
    public async Task Run_BothProtocolsSideBySide_GiveTheSameRows()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 120, OdooVersion = 19 });
        var jsonRpc = await AddOdooAsync(odoo, protocol: "jsonrpc");
        var json2 = await AddOdooAsync(odoo, protocol: "json2");

        var first = await Engine.RunAsync(new SyncRequest(OrgId, jsonRpc.Id, SyncEntity.Customer));
        var second = await Engine.RunAsync(new SyncRequest(OrgId, json2.Id, SyncEntity.Customer, Full: true));

        Assert.Equal((SyncStatus.Completed, 120, 120), (first.Status, first.Processed, first.Created));
        // Same records, byte for byte: every row the JSON-2 run read hashes exactly as the JSON-RPC run stored it.
        Assert.Equal((SyncStatus.Completed, 120, 0, 0, 120), (second.Status, second.Processed, second.Created, second.Updated, second.Skipped));
        Assert.True(odoo.JsonRpcSearchReads > 0 && odoo.Json2SearchReads > 0);
    }

    [Fact]
    public async Task Run_Json2Incremental_ReadsOnlyTheWriteDateWindow()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 200, OdooVersion = 19 });
        var connection = await AddOdooAsync(odoo);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        var churned = odoo.Churn(SyncEntity.Customer, 3).Distinct().Count();

        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, second.Status);
        Assert.Equal(churned, second.Updated);
        Assert.True(second.Processed < 20, $"read {second.Processed}");
    }

    [Fact]
    public async Task Run_Json2RecordsInsertedDuringTheScan_NoPageShiftsAndTheNextRunBringsThem()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 80, OdooVersion = 19, ChangeDuringScan = new ScanChange(2, 5, 0) });
        var connection = await AddOdooAsync(odoo);

        var first = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        // The id range is fixed when the scan starts: the 80 records then, each once; the 5 new ones next run.
        Assert.Equal((SyncStatus.Completed, 80), (first.Status, first.Processed));
        Assert.Equal(SyncStatus.Completed, second.Status);
        Assert.Equal(85, await CountAsync("customers", "source_system = 'odoo'"));
    }

    [Fact]
    public async Task Run_Json2RecordsDeletedDuringTheScan_RescannedByIdRangesWithNothingMissing()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 80, OdooVersion = 19, ChangeDuringScan = new ScanChange(2, 0, 5) });
        var connection = await AddOdooAsync(odoo);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.True(result.Status == SyncStatus.Completed, result.ErrorMessage);
        // All 80 arrived: the 5 deleted ones before their deletion, the 75 others despite the shift it caused.
        Assert.Equal(80, await CountAsync("customers", "source_system = 'odoo'"));
        Assert.Equal(80, result.Processed);
    }

    [Fact]
    public async Task Run_Json2TransientFaults_RetriedThrough()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Orders = 60, OdooVersion = 19 });
        var connection = await AddOdooAsync(odoo);
        odoo.Faults.InjectNext(FaultKind.TooManyRequests);
        odoo.Faults.InjectNext(FaultKind.Truncated);
        odoo.Faults.InjectNext(FaultKind.BadGateway);
        odoo.Faults.InjectNext(FaultKind.Html);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));

        Assert.Equal((SyncStatus.Completed, 60), (result.Status, result.Processed));
        Assert.Equal(4, odoo.Faults.Served);
        Assert.Equal(0, odoo.JsonRpcSearchReads);
    }
}
