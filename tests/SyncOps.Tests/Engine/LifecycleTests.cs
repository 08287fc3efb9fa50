using Npgsql;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>
/// The run lifecycle shared by RunAsync and ApplyAsync: every way a sync can end leaves its row ended, with the
/// status and the reason that say what happened.
/// </summary>
public sealed class LifecycleTests : EngineTest
{
    [Fact]
    public async Task Apply_DatabaseRefusesTheWrite_EndsTheSyncFailedWithTheMessage()
    {
        var preview = await PreviewCustomersAsync(20);
        await using var refusal = await TableTrigger.CreateAsync(DataSource, "customers", OrgId, "raise exception 'customers are read-only today'");

        var result = await Engine.ApplyAsync(OrgId, preview.CacheKey);

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("customers are read-only today", result.ErrorMessage, StringComparison.Ordinal);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal((SyncStatus.Failed, result.ErrorMessage), (row!.Status, row.ErrorMessage));
        Assert.Equal(0, await CountAsync("customers"));
    }

    [Fact]
    public async Task Apply_CallerCancels_EndsTheSyncCancelled()
    {
        var preview = await PreviewCustomersAsync(50);
        // Each row takes 100 ms to write, so the apply is still writing when it is cancelled.
        await using var slow = await TableTrigger.CreateAsync(DataSource, "customers", OrgId, "perform pg_sleep(0.1)");
        using var cts = new CancellationTokenSource();

        var applying = Engine.ApplyAsync(OrgId, preview.CacheKey, cancellationToken: cts.Token);
        await WaitForRunningSyncAsync();
        await cts.CancelAsync();
        var result = await applying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SyncStatus.Cancelled, result.Status);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal((SyncStatus.Cancelled, "cancelled by the caller"), (row!.Status, row.ErrorMessage));
        Assert.Equal(0, await CountAsync("customers"));
    }

    [Fact]
    public async Task Apply_CancelledFromOutside_StopsAndKeepsTheCancelReason()
    {
        var preview = await PreviewCustomersAsync(50);
        await using var slow = await TableTrigger.CreateAsync(DataSource, "customers", OrgId, "perform pg_sleep(0.1)");

        var applying = Engine.ApplyAsync(OrgId, preview.CacheKey);
        var sync = await WaitForRunningSyncAsync();
        await Tracker.CancelAsync(OrgId, sync.SyncId, "stop it");
        var result = await applying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((SyncStatus.Cancelled, "stop it"), (result.Status, result.ErrorMessage));
        Assert.Equal(0, await CountAsync("customers"));
    }

    [Fact]
    public async Task Run_LeaseTakenByAnotherProcess_EndsFailedSayingTheLeaseWasLost()
    {
        // Every page is slow, so the sync is still running when its lease is taken.
        var store = await StartWooAsync(new SimulatorOptions
        {
            Customers = 2000, FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(300),
        });
        var connection = await AddWooAsync(store);
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer), p =>
        {
            if (p.ProcessedCount > 0)
            {
                firstWrite.TrySetResult();
            }
        }));
        await firstWrite.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Another session queues for the run's lock, then the run's lock session is killed: the lock passes to the
        // queued session at once, before the run can take it back, as when another process takes over.
        await using var other = await DataSource.OpenConnectionAsync();
        var taking = ExecuteOnAsync(other, "select pg_advisory_lock(hashtextextended($1, 0))",
            SyncLease.KeyFor(OrgId, connection.Id, SyncEntity.Customer));
        await WaitForLockQueueAsync(other.ProcessID);
        Assert.Equal(1L, await ScalarAsync<long>(
            """
            select count(pg_terminate_backend(h.pid)) from pg_locks w
            join pg_locks h on h.locktype = 'advisory' and h.granted and h.database = w.database
                and h.classid = w.classid and h.objid = w.objid and h.objsubid = w.objsubid
            where w.locktype = 'advisory' and not w.granted and w.pid = $1
            """, other.ProcessID));
        await taking.WaitAsync(TimeSpan.FromSeconds(30));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("lost its lease", result.ErrorMessage, StringComparison.Ordinal);
        var row = await Tracker.FindAsync(OrgId, result.SyncId);
        Assert.Equal((SyncStatus.Failed, result.ErrorMessage), (row!.Status, row.ErrorMessage));
        Assert.True(result.Processed < 2000, "the run stopped before the end");
        await ExecuteOnAsync(other, "select pg_advisory_unlock_all()");
    }

    private async Task<PreviewResult> PreviewCustomersAsync(int customers)
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = customers });
        var connection = await AddWooAsync(store);
        var preview = await Engine.PreviewAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));
        Assert.Equal(customers, preview.ToCreate);
        return preview;
    }

    /// <summary>The organisation's one running sync, once it exists (started by a call still in flight).</summary>
    private async Task<SyncProgress> WaitForRunningSyncAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await Tracker.GetActiveAsync(OrgId, timeout.Token)) is [var sync])
            {
                return sync;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private async Task WaitForLockQueueAsync(int pid)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await ScalarAsync<long>("select count(*) from pg_locks where locktype = 'advisory' and not granted and pid = $1", pid) == 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task ExecuteOnAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}
