using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Syncs from the WooCommerce simulator into the canonical tables, through the engine as the CLI runs it.</summary>
public sealed class WooCommerceSyncTests : EngineTest
{
    [Fact]
    public async Task Run_Customers_WritesEverySourceRecordAndCompletesOneProgressRow()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 260, Seed = 3 });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal((260, 260, 0), (result.Processed, result.Created, result.Failed));
        Assert.Equal(260, await CountAsync("customers"));
        Assert.Equal(260, await ScalarAsync<long>("select count(distinct external_id) from public.customers where org_id = $1 and source_system = 'woocommerce'", OrgId));
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal((SyncStatus.Completed, 260, 260), (row!.Status, row.TotalItems, row.ProcessedCount));
        Assert.Equal(["sync_completed"], await ActivityAsync(result.SyncId));
    }

    [Fact]
    public async Task Run_CustomersAgain_SkipsEveryUnchangedRecordByHash()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 120 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        store.Churn(SyncEntity.Customer, 1);

        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, second.Status);
        Assert.Equal((120, 0, 1, 119), (second.Processed, second.Created, second.Updated, second.Skipped));
    }

    [Fact]
    public async Task Run_OrdersIncrementally_FetchesOnlyTheWindowAndUpdatesChurnedOrders()
    {
        var store = await StartWooAsync(new SimulatorOptions { Orders = 300, Customers = 10 });
        var connection = await AddWooAsync(store);
        await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));
        var churned = store.Churn(SyncEntity.Order, 4).Distinct().Count();

        var second = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));

        // The 5-minute overlap re-reads the last orders of the first run (one per minute) and skips them by hash.
        Assert.Equal(SyncStatus.Completed, second.Status);
        Assert.Equal(churned, second.Updated);
        Assert.Equal(0, second.Created);
        Assert.True(second.Processed < 20, $"an incremental run should read only the window, read {second.Processed}");
        Assert.Equal(300, await CountAsync("orders"));
    }

    [Fact]
    public async Task Run_Products_WritesVariationsUnderTheirProduct()
    {
        var store = await StartWooAsync(new SimulatorOptions { Products = 30, VariableProductEvery = 10, VariationsPerProduct = 3 });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Product));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(30 + (3 * 3), result.Processed);
        Assert.Equal(9, await CountAsync("products", "parent_external_id is not null"));
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal(39, row!.TotalItems);
    }

    [Fact]
    public async Task Run_UnmappableRecords_CountedAsFailedLoggedWithExternalIdAndSyncGoesOn()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 100, BadRecordEvery = 25 });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.CompletedWithErrors, result.Status);
        Assert.Equal((96, 4), (result.Processed, result.Failed));
        var failedIds = new List<string>();
        await using (var command = DataSource.CreateCommand(
            "select external_id, error_message from public.sync_activity_log where org_id = $1 and sync_id = $2 and action = 'item_failed' order by external_id::int"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = OrgId });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = result.SyncId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                failedIds.Add(reader.GetString(0));
                Assert.Contains("date_modified_gmt", reader.GetString(1), StringComparison.Ordinal);
            }
        }

        Assert.Equal(["25", "50", "75", "100"], failedIds);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal((96, 4, SyncStatus.CompletedWithErrors), (row!.ProcessedCount, row.FailedCount, row.Status));
    }

    [Fact]
    public async Task Run_WrongSecret_FailsWithWooCommercesOwnError()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 5 });
        var connection = await AddWooAsync(store, secret: "cs_wrong");

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("woocommerce_rest_authentication_error: Invalid signature - provided signature does not match.", result.ErrorMessage, StringComparison.Ordinal);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal(SyncStatus.Failed, row!.Status);
        Assert.Equal(result.ErrorMessage, row.ErrorMessage);
    }

    [Fact]
    public async Task Run_WhileAnotherRunOfTheSameEntityHoldsTheLease_IsRefused()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 5 });
        var connection = await AddWooAsync(store);
        await using var lease = await SyncLease.AcquireAsync(DataSource, OrgId, connection.Id, SyncEntity.Customer, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SyncOpsException>(() => Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer)));

        Assert.Contains("already running", refused.Message, StringComparison.Ordinal);
    }
}
