using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Each real-world fault the simulator injects: retried through, or failing the sync clearly when it persists.</summary>
public sealed class FaultTests : EngineTest
{
    [Theory]
    [InlineData(FaultKind.TooManyRequests)]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.Slow)]
    [InlineData(FaultKind.Timeout)]
    [InlineData(FaultKind.Html)]
    [InlineData(FaultKind.PhpNotice)]
    [InlineData(FaultKind.Truncated)]
    public async Task Run_TransientFault_RetriedAndEveryRecordArrivesOnce(FaultKind fault)
    {
        var store = await StartWooAsync(new SimulatorOptions
        {
            Customers = 60,
            SlowFaultDelay = TimeSpan.FromMilliseconds(100),
            TimeoutFaultDuration = TimeSpan.FromSeconds(10),
        });
        var connection = await AddWooAsync(store);
        store.Faults.InjectNext(fault, 2);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(60, result.Processed);
        Assert.Equal(2, store.Faults.Served);
        Assert.Equal(60, await CountAsync("customers"));
    }

    [Fact]
    public async Task Run_RateLimited_RecordsTheRetryStateTheDashboardShows()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 30 });
        var connection = await AddWooAsync(store);
        store.Faults.InjectNext(FaultKind.TooManyRequests, 1);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal("rate limited", await ScalarAsync<string>(
            "select metadata -> 'retry' ->> 'reason' from public.sync_progress where org_id = $1 and sync_id = $2", OrgId, result.SyncId));
        Assert.Equal(1, await ScalarAsync<int>(
            "select (metadata -> 'retry' ->> 'attempt')::int from public.sync_progress where org_id = $1 and sync_id = $2", OrgId, result.SyncId));
    }

    [Fact]
    public async Task Run_PageStillFailingAfterRetries_FailsTheSyncWithTheStoresError()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60 });
        var connection = await AddWooAsync(store);
        store.Faults.InjectNext(FaultKind.InternalServerError, 50);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("HTTP 500 internal_server_error", result.ErrorMessage, StringComparison.Ordinal);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal(SyncStatus.Failed, row!.Status);
        Assert.Equal(["sync_failed"], await ActivityAsync(result.SyncId));
    }

    [Fact]
    public async Task Run_HtmlInsteadOfJsonEveryTime_FailsSayingWhatCameBack()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 10 });
        var connection = await AddWooAsync(store);
        store.Faults.InjectNext(FaultKind.Html, 50);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("text/html instead of JSON", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("blocked by the security plugin", result.ErrorMessage, StringComparison.Ordinal);
    }
}
