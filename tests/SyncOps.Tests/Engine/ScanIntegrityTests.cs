using Npgsql;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>
/// Stores that do not page as asked: the sync ends with every record or fails saying what the store did, never
/// completed with records missing, and processed_count counts distinct records.
/// </summary>
public sealed class ScanIntegrityTests : EngineTest
{
    [Fact]
    public async Task Run_StoreIgnoresOffset_FallsBackToPageNumbersAndGetsEveryRecord()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60, IgnoresOffset = true });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(60, result.Processed);
        Assert.Equal(60, await CountAsync("customers"));
        Assert.Equal((60, 60), await CountsAsync(result.SyncId));
    }

    [Fact]
    public async Task Run_StoreIgnoresOffsetAndPage_FailsSayingWhatTheStoreDid()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60, IgnoresOffset = true, IgnoresPageNumber = true });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("same 25 records for offset 25 as for offset 0: it ignored the offset", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("for page 2 as for page 1: it ignored the page", result.ErrorMessage, StringComparison.Ordinal);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal(SyncStatus.Failed, row!.Status);
        Assert.Equal(result.ErrorMessage, row.ErrorMessage);
        // Distinct records, never pages times their size.
        Assert.Equal(25, row.ProcessedCount);
    }

    [Fact]
    public async Task Run_PageRepeatedOnce_EveryRecordOnceAndCountedOnce()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60, RepeatPageAtRequest = 2 });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(60, result.Processed);
        Assert.Equal(60, await CountAsync("customers"));
        Assert.Equal((60, 60), await CountsAsync(result.SyncId));
    }

    [Fact]
    public async Task Run_FewerRecordsThanTheStoresTotal_FailsAfterRescansSayingHowManyAreMissing()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60, OverstatesTotalBy = 5 });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Equal("customer scan incomplete after 3 passes: the source counted 65 records but 60 distinct ones arrived (in every pass)", result.ErrorMessage);
        // What did arrive is kept, and counted once although it was read three times.
        Assert.Equal(60, await CountAsync("customers"));
        Assert.Equal(60, (await Tracker.FindAsync(OrgId, result.SyncId))!.ProcessedCount);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(5, 5)]
    public async Task Run_TotalChangesDuringScan_EveryRecordTheStoreStillHasArrives(int inserts, int deletes)
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 80, ChangeDuringScan = new ScanChange(1, inserts, deletes) });
        var connection = await AddWooAsync(store);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.True(result.Status == SyncStatus.Completed, result.ErrorMessage);
        var customers = store.Catalog.Customers;
        var present = Enumerable.Range(0, customers.Count).Where(i => !customers.IsDeleted(i)).Select(i => customers.IdOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(80 + inserts - deletes, present.Count);
        var stored = await ExternalIdsAsync();
        Assert.Empty(present.Except(stored));
        // The deleted ones were written before the store deleted them: processed counts what was written, once.
        Assert.Equal(stored.Count, result.Processed);
    }

    private async Task<(int Processed, int Total)> CountsAsync(string syncId)
    {
        var row = await Tracker.FindAsync(OrgId, syncId);
        return (row!.ProcessedCount, row.TotalItems);
    }

    private async Task<HashSet<string>> ExternalIdsAsync()
    {
        var ids = new HashSet<string>();
        await using var command = DataSource.CreateCommand("select external_id from public.customers where org_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = OrgId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
