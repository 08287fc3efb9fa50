using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Syncs from the Odoo simulator over JSON-RPC execute_kw.</summary>
public sealed class OdooSyncTests : EngineTest
{
    [Theory]
    [InlineData(SyncEntity.Customer, "customers", 70)]
    [InlineData(SyncEntity.Product, "products", 40)]
    [InlineData(SyncEntity.Order, "orders", 90)]
    public async Task Run_EachModel_WritesEveryRecord(string entity, string table, int count)
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 70, Products = 40, Orders = 90 });
        var connection = await AddOdooAsync(odoo);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, entity));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(count, result.Processed);
        Assert.Equal(count, await CountAsync(table, "source_system = 'odoo'"));
    }

    [Fact]
    public async Task Run_Incremental_ReadsOnlyTheWriteDateWindowAndUpdatesChurned()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 200 });
        var connection = await AddOdooAsync(odoo);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        var churned = odoo.Churn(SyncEntity.Customer, 3).Distinct().Count();

        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(churned, second.Updated);
        Assert.True(second.Processed < 20, $"read {second.Processed}");
    }

    [Fact]
    public async Task Run_WrongApiKey_FailsNamingTheRefusal()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 5 });
        var connection = await AddOdooAsync(odoo, apiKey: "not-the-key");

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("Odoo refused the login", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TransientFaults_RetriedThrough()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Orders = 60 });
        var connection = await AddOdooAsync(odoo);
        odoo.Faults.InjectNext(FaultKind.TooManyRequests);
        odoo.Faults.InjectNext(FaultKind.Truncated);
        odoo.Faults.InjectNext(FaultKind.BadGateway);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(60, result.Processed);
        Assert.Equal(3, odoo.Faults.Served);
    }
}
