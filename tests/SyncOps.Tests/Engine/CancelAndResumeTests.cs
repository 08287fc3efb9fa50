using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>Cancellation from outside the worker, and the next run resuming from the checkpoint.</summary>
public sealed class CancelAndResumeTests : EngineTest
{
    [Fact]
    public async Task Cancel_RunningSync_StopsWithinASecondEndsCancelledAndRerunResumesExactly()
    {
        // Every page is slow, so the sync is still running when it is cancelled.
        var store = await StartWooAsync(new SimulatorOptions
        {
            Customers = 400, FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(150),
        });
        var connection = await AddWooAsync(store);
        var firstWrite = new TaskCompletionSource<SyncProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer), p =>
        {
            if (p.ProcessedCount > 0)
            {
                firstWrite.TrySetResult(p);
            }
        }));
        var progress = await firstWrite.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await Tracker.CancelAsync(OrgId, progress.SyncId, "stop it");
        var cancelled = await running.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(SyncStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.Processed < 400);
        Assert.Equal(["sync_cancelled"], await ActivityAsync(cancelled.SyncId));

        var resumed = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, resumed.Status);
        Assert.True(resumed.ResumedFromOffset > 0, "the rerun resumes from the checkpoint");
        Assert.Equal(400 - resumed.ResumedFromOffset, resumed.Processed);
        Assert.Equal(400, await CountAsync("customers"));
    }

    [Fact]
    public async Task Run_CallerCancels_EndsTheRowAsCancelled()
    {
        var store = await StartWooAsync(new SimulatorOptions
        {
            Customers = 300, FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(150),
        });
        var connection = await AddWooAsync(store);
        using var cts = new CancellationTokenSource();

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer), p =>
        {
            if (p.ProcessedCount > 0)
            {
                cts.Cancel();
            }
        }, cts.Token);

        Assert.Equal(SyncStatus.Cancelled, result.Status);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal(SyncStatus.Cancelled, row!.Status);
    }
}
