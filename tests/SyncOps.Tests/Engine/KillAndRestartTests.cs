using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Connectors;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>
/// The hard cases of "nothing lost": a <c>syncops sync run</c> process killed with SIGKILL mid-sync and run again, and
/// PostgreSQL restarted under a running sync.
/// </summary>
public sealed class KillAndRestartTests : EngineTest
{
    [Theory]
    [InlineData(100)]
    [InlineData(600)]
    [InlineData(1000)]
    public async Task KillMinus9_SyncRunProcess_RerunHoldsExactlyTheSourceRecordsAndEndsTheOrphan(int killAfter)
    {
        // The CLI runs the engine with its defaults: two writers, batches committing in order while the next is copied.
        Assert.True(new EngineOptions().Writers >= 2);
        // Slow enough pages that the run is still going when the first checkpoint is seen, even on a loaded machine
        // (the CLI fetches several pages ahead, so 600 customers at 100 ms a page could finish between poll and kill).
        const int customers = 2000;
        var store = await StartWooAsync(new SimulatorOptions
        {
            Customers = customers, FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(300),
        });
        var connection = await AddWooAsync(store);

        using (var process = StartCli($"sync run --org {OrgId} --connection {connection.Id} --entity customer"))
        {
            // Kill once the checkpoint passed the kill point: early, mid-way, late (writes of later batches in flight).
            await WaitUntilAsync(async () => await ScalarAsync<int?>(
                "select (run ->> 'offset')::int from public.sync_checkpoints where org_id = $1", OrgId) is { } offset && offset >= killAfter && offset < customers);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // PostgreSQL releases the killed run's lease (a session advisory lock) when its backend notices the closed
        // socket, which on a loaded machine can be a moment after the process is gone; until then a rerun is rightly
        // refused as "already running". Wait for the release, taking and giving back the lock in one statement.
        var lease = SyncLease.KeyFor(OrgId, connection.Id, SyncEntity.Customer);
        await WaitUntilAsync(async () => await ScalarAsync<bool>(
            "select case when pg_try_advisory_lock(hashtextextended($1, 0)) then pg_advisory_unlock(hashtextextended($1, 0)) else false end",
            lease));

        var orphan = await ScalarAsync<string>("select sync_id from public.sync_progress where org_id = $1 and status = 'running'", OrgId);
        Assert.NotNull(orphan);

        var rerun = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Completed, rerun.Status);
        Assert.True(rerun.ResumedFromOffset >= killAfter);
        Assert.Equal(customers, await CountAsync("customers"));
        Assert.Equal(customers, await ScalarAsync<long>("select count(distinct external_id) from public.customers where org_id = $1", OrgId));
        var ended = await Tracker.FindAsync(OrgId, orphan);
        Assert.Equal(SyncStatus.Failed, ended!.Status);
        Assert.Contains($"{rerun.SyncId} resumed from offset {rerun.ResumedFromOffset}", ended.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["sync_failed"], await ActivityAsync(orphan));
        Assert.Equal(["sync_completed"], await ActivityAsync(rerun.SyncId));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1 and status = 'running'", OrgId));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300)]
    public async Task PostgresRestart_MidSync_SyncCompletesWithEveryRecordOnce(int restartAfter)
    {
        const int customers = 500;
        var directory = Path.Combine(Path.GetTempPath(), "syncops-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new EmbeddedPostgres(directory, durable: false);
        try
        {
            var url = await cluster.StartAsync();
            await using var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-restart-test"));
            await new Migrator(dataSource).MigrateAsync();
            // Two writers: the restart breaks a batch being copied and the one waiting to commit after it.
            await using var services = BuildServices(dataSource, FastHttp, FastEngine with { Writers = 2 });
            var store = await StartWooAsync(new SimulatorOptions
            {
                Customers = customers, FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(100),
            });
            var connection = await services.GetRequiredService<SyncOps.Connections.ConnectionStore>().AddAsync(new SyncOps.Connections.NewConnection(
                OrgId, "woocommerce", store.BaseUrl, new SyncOps.Connections.ConnectionSecrets(store.Options.ConsumerKey, store.Options.ConsumerSecret)));
            var engine = services.GetRequiredService<SyncEngine>();
            var restarted = new TaskCompletionSource();
            var restarting = 0;
            var run = Task.Run(() => engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer), p =>
            {
                if (p.ProcessedCount >= restartAfter && Interlocked.Exchange(ref restarting, 1) == 0)
                {
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await cluster.StopAsync();
                            await Task.Delay(500);
                            // EmbeddedPostgres checks its database through a pooled connection that the stop broke.
                            NpgsqlConnection.ClearAllPools();
                            await cluster.StartAsync();
                            restarted.SetResult();
                        }
                        catch (Exception e)
                        {
                            restarted.SetException(e);
                        }
                    });
                }
            }));

            var result = await run.WaitAsync(TimeSpan.FromSeconds(90));
            await restarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(SyncStatus.Completed, result.Status);
            Assert.Equal(customers, result.Processed);
            dataSource.Clear(); // idle connections from before the restart are dead
            await using var count = dataSource.CreateCommand("select count(*), count(distinct external_id) from public.customers where org_id = $1");
            count.Parameters.Add(new NpgsqlParameter { Value = OrgId });
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((customers, customers), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        finally
        {
            await cluster.StopAsync();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private Process StartCli(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "SyncOps.Cli.dll")} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["SYNCOPS_DATABASE_URL"] = Database.Url;
        info.Environment["SYNCOPS_SECRET_KEY"] = SecretKey;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "timed out waiting for the sync to checkpoint or its lease to be released");
            await Task.Delay(50);
        }
    }
}
