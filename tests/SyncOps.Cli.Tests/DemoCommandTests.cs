using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops demo</c>, the front door, run for real: SDK syncs, server, simulated stores and engine syncs.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class DemoCommandTests : DatabaseTest
{
    [Fact]
    public async Task Demo_NoWait_WritesSdkAndEngineSyncsAndPrintsTheDashboardSignIn()
    {
        var orgId = TestDatabase.NewOrgId();
        var dataDirectory = Directory.CreateTempSubdirectory("syncops-demo-test-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        try
        {
            var result = await SyncOpsCli.RunAsync(Database.Url,
                new Dictionary<string, string> { ["SYNCOPS_DATA_DIR"] = dataDirectory },
                "demo", "--no-wait", "--org", orgId, "--urls", url);

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Contains($"{url}/demo-login", result.StandardOutput, StringComparison.Ordinal);
            // Three syncs through the SDK and four through the engine (one store flaky); a scheduled run may join them.
            Assert.True(await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1", orgId) >= 7);
            // The SDK sync shown running while the dashboard serves is ended when the demo stops: none is left running.
            Assert.Equal(0L, await ScalarAsync<long>(
                "select count(*) from public.sync_progress where org_id = $1 and status = 'running'", orgId));
            Assert.Equal("the demo stopped", await ScalarAsync<string>(
                "select error_message from public.sync_progress where org_id = $1 and entity_type = 'customer' and source_system = 'woocommerce' and status = 'cancelled'",
                orgId));
            Assert.Equal(1L, await ScalarAsync<long>(
                "select count(*) from public.sync_schedules where org_id = $1 and entity_type = 'order' and every_seconds = 900 and full_scan_cron = '0 3 * * *'", orgId));
            Assert.True(await ScalarAsync<long>(
                "select count(*) from public.sync_progress where org_id = $1 and source_system = 'woocommerce' and status = 'completed_with_errors' and failed_count > 0 and metadata ? 'connection_id'",
                orgId) >= 1);
            Assert.Equal(2_800L, await ScalarAsync<long>("select count(*) from public.customers where org_id = $1", orgId));
            Assert.Equal(1L, await ScalarAsync<long>(
                "select count(*) from syncops_auth.users_extended where org_id = $1 and email = 'demo@example.com'", orgId));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_RunTwice_ReusesItsConnectionsAndScheduleAndLeavesNoSyncRunning()
    {
        var orgId = TestDatabase.NewOrgId();
        var dataDirectory = Directory.CreateTempSubdirectory("syncops-demo-test-").FullName;
        var environment = new Dictionary<string, string> { ["SYNCOPS_DATA_DIR"] = dataDirectory };
        try
        {
            var first = await SyncOpsCli.RunAsync(Database.Url, environment, "demo", "--no-wait", "--org", orgId, "--urls", $"http://127.0.0.1:{FreePort()}");
            Assert.True(first.ExitCode == 0, first.StandardError);
            var connections = await ConnectionsAsync(orgId);

            var second = await SyncOpsCli.RunAsync(Database.Url, environment, "demo", "--no-wait", "--org", orgId, "--urls", $"http://127.0.0.1:{FreePort()}");

            Assert.True(second.ExitCode == 0, second.StandardError);
            Assert.Contains("connections: 0 reused, 3 added", first.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("connections: 3 reused, 0 added", second.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(connections, await ConnectionsAsync(orgId));
            Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_schedules where org_id = $1", orgId));
            // The second run's engine syncs reached the stores at their new ports: every one ended, none failed outright.
            Assert.Equal(0L, await ScalarAsync<long>(
                "select count(*) from public.sync_progress where org_id = $1 and source_system = 'odoo' and status <> 'completed'", orgId));
            Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1 and status = 'running'", orgId));
            Assert.Equal(2_800L, await ScalarAsync<long>("select count(*) from public.customers where org_id = $1", orgId));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_Serving_AQueuedSyncReachesItsStoresAndCtrlCLeavesNoSyncRunning()
    {
        var orgId = TestDatabase.NewOrgId();
        var dataDirectory = Directory.CreateTempSubdirectory("syncops-demo-test-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "SyncOps.Cli.dll"), "demo", "--org", orgId, "--urls", $"http://127.0.0.1:{FreePort()}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SYNCOPS_DATABASE_URL"] = Database.Url;
        start.Environment["SYNCOPS_DATA_DIR"] = dataDirectory;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        // Safety net against a hung demo, not a timing assertion (the demo alone takes about a minute).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var printed = new List<string>();
        var phase = "waiting for the demo to serve the dashboard";
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("Serving the dashboard", StringComparison.Ordinal))
            {
                printed.Add(line);
            }

            // What "Start a sync" on the dashboard queues (SyncJobs.EnqueueAsync): a run the server's worker takes to a demo store.
            phase = "waiting for the server's worker to end the queued job";
            var jobId = await ScalarAsync<long>(
                "insert into public.sync_jobs (org_id, connection_id, entity_type) select org_id, id, 'customer' from public.connections where org_id = $1 and name = 'Demo Odoo' returning id",
                orgId);
            string? status;
            while ((status = await ScalarAsync<string>("select status from public.sync_jobs where id = $1", jobId)) is "queued" or "running")
            {
                await Task.Delay(250, timeout.Token);
            }

            phase = $"waiting for the demo to exit after SIG{StopSignal()}";
            using (var signal = Process.Start("kill", ["-" + StopSignal(), process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await error);
            Assert.Equal("completed", status);
            Assert.Equal("completed", await ScalarAsync<string>(
                "select p.status from public.sync_progress p join public.sync_jobs j on j.org_id = p.org_id and j.sync_id = p.sync_id where j.id = $1", jobId));
            Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1 and status = 'running'", orgId));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Say where it hung and what the demo had printed, so a failure in CI can be read from its log alone.
            Assert.Fail($"timed out {phase}; the demo printed:\n{string.Join('\n', printed)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Ctrl+C's SIGINT, unless this test process ignores SIGINT: a shell without job control starts its background jobs
    /// so (POSIX), the demo inherits that, and .NET leaves an ignored SIGINT ignored, so the demo would never hear it
    /// (a background `./test` timed out here). Then SIGTERM, which System.CommandLine handles the same way.
    /// </summary>
    private static string StopSignal()
    {
        var ignored = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << 1)) != 0 ? "TERM" : "INT"; // bit n-1 is signal n; SIGINT is 2
    }

    private async Task<string> ConnectionsAsync(string orgId) =>
        (await ScalarAsync<string>("select string_agg(id::text || ' ' || name, ', ' order by created_at) from public.connections where org_id = $1", orgId))!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
