using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Engine.Tests.Infrastructure;
using SyncOps.Simulators;

namespace SyncOps.Engine.Tests.Engine;

/// <summary>The queue and workers: jobs claimed once each, with FOR UPDATE SKIP LOCKED.</summary>
public sealed class SyncWorkerTests : EngineTest
{
    [Fact]
    public async Task RunOnce_TwoWorkersTwoJobs_EachJobRunsExactlyOnce()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 30, Orders = 40 });
        var connection = await AddWooAsync(store);
        var jobs = Services.GetRequiredService<SyncJobs>();
        var customerJob = await jobs.EnqueueAsync(OrgId, connection.Id, SyncEntity.Customer);
        var orderJob = await jobs.EnqueueAsync(OrgId, connection.Id, SyncEntity.Order);
        var worker = Services.GetRequiredService<SyncWorker>();

        var claimed = await Task.WhenAll(worker.RunOnceAsync(CancellationToken.None), worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal([true, true], claimed);
        var customers = await jobs.GetAsync(OrgId, customerJob.Id);
        var orders = await jobs.GetAsync(OrgId, orderJob.Id);
        Assert.Equal(("completed", "completed"), (customers!.Status, orders!.Status));
        Assert.NotEqual(customers.SyncId, orders.SyncId);
        Assert.Equal((30L, 40L), (await CountAsync("customers"), await CountAsync("orders")));
    }

    [Fact]
    public async Task Enqueue_ConnectionOfAnotherOrganisation_Refused()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 1 });
        var connection = await AddWooAsync(store);

        var refused = await Assert.ThrowsAsync<SyncOpsException>(() =>
            Services.GetRequiredService<SyncJobs>().EnqueueAsync("org-someone-else", connection.Id, SyncEntity.Customer));

        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
    }
}
