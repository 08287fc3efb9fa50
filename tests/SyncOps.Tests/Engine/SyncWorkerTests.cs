using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>
/// The queue and workers: jobs claimed once each, with FOR UPDATE SKIP LOCKED. A worker claims any organisation's job
/// and the upkeep takes over any organisation's orphaned job, so this class shares the housekeeping collection (never in
/// parallel with the upkeep tests): in parallel, each took the other's jobs.
/// </summary>
[Collection(HousekeepingTests.Name)]
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
        Assert.True((customers!.Status, orders!.Status) == ("completed", "completed"), customers.ErrorMessage + orders.ErrorMessage);
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

    [Fact]
    public async Task RunOnce_StoreDownUntilItsCircuitOpens_JobRequeuedWithTheReasonInWordsThenFailed()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 60 });
        var connection = await AddWooAsync(store);
        store.Faults.InjectNext(FaultKind.BadGateway, 10_000);
        var jobs = Services.GetRequiredService<SyncJobs>();
        var job = await jobs.EnqueueAsync(OrgId, connection.Id, SyncEntity.Customer);
        var worker = Services.GetRequiredService<SyncWorker>();
        var messages = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            // Direct runs against the dead store, so that its failures reach the circuit breaker's minimum throughput.
            await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        }

        for (var run = 1; run <= 4; run++)
        {
            Assert.True(await worker.RunOnceAsync(CancellationToken.None));
            var queued = await jobs.GetAsync(OrgId, job.Id);
            Assert.Equal("queued", queued!.Status);
            Assert.True(await ScalarAsync<bool>("select not_before > now() from public.sync_jobs where id = $1", job.Id));
            messages.Add(queued.ErrorMessage!);
            // Skip the wait (its length is the option's business) so the next claim takes this job at once.
            await ExecuteAsync("update public.sync_jobs set not_before = null where id = $1", job.Id);
        }

        Assert.StartsWith("will retry: GET /wp-json/wc/v3/customers: HTTP 502 Bad Gateway: 502 Bad Gateway nginx", messages[0], StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Contains("circuit open", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("Exception", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("<", m, StringComparison.Ordinal));

        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        var failed = await jobs.GetAsync(OrgId, job.Id);
        Assert.Equal("failed", failed!.Status);
        Assert.DoesNotContain("Exception", failed.ErrorMessage!, StringComparison.Ordinal);
        Assert.Equal(SyncStatus.Failed, (await Tracker.FindAsync(OrgId, failed.SyncId!))!.Status);
    }
}
