using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncOps.Configuration;
using SyncOps.Server.Dashboard;
using SyncOps.Server.Tests.Infrastructure;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Tests.Workers;

/// <summary>serve runs the scheduler and the upkeep itself: a due schedule becomes a queued job with nobody typing a command.</summary>
public sealed class OperationsWorkersTests : ServerTest
{
    [Fact]
    public async Task Serve_DueSchedule_QueuedByTheServersOwnScheduler()
    {
        var org = NewOrgId();
        var connection = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1)", org);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            connection, org);
        // Unplanned (as through the REST API): the scheduler plans it, then queues it on the following pass.
        await ExecuteAsync(
            "insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds, jitter_seconds) values ($1, $2, 'customer', 900, 0)",
            org, connection);
        await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = Server.DataSource,
            Settings = new SyncOpsSettings((await TestDatabase.GetAsync()).Url, Path.GetTempPath()) { JwtSecret = TestServer.Secret },
            MinimumLogLevel = LogLevel.Warning,
            Dashboard = new DashboardOptions { Workers = new WorkerOptions { Count = 0, UpkeepInterval = TimeSpan.Zero, SchedulerInterval = TimeSpan.FromMilliseconds(200) } },
        });
        await app.StartAsync();

        // Waits for the background loop; the bound only stops a broken loop from hanging the run. (The shared test
        // server's workers may run the job at once: any status counts.)
        long? lastJob = null;
        for (var attempt = 0; attempt < 300 && lastJob is null; attempt++)
        {
            await Task.Delay(100);
            lastJob = await ScalarAsync<long?>("select last_job_id from public.sync_schedules where org_id = $1", org);
        }

        await app.StopAsync();
        Assert.NotNull(lastJob);
        Assert.Equal([lastJob.Value], (await ScalarAsync<long[]>("select array_agg(id) from public.sync_jobs where org_id = $1", org))!);
    }

    [Fact]
    public void AddOperationsWorkers_DefaultOptions_RegistersSchedulerAndUpkeep_SlowerUpkeepRefused()
    {
        var settings = Configuration.SyncOpsSettings.FromVariables(_ => null);
        var services = new ServiceCollection().AddOperationsWorkers(new WorkerOptions(), settings);
        var none = new ServiceCollection().AddOperationsWorkers(
            new WorkerOptions { SchedulerInterval = TimeSpan.Zero, UpkeepInterval = TimeSpan.Zero }, settings);

        var hosted = services.Where(service => service.ServiceType == typeof(IHostedService)).Select(service => service.ImplementationType).ToList();
        Assert.Equal([typeof(SchedulerService), typeof(UpkeepService)], hosted);
        Assert.DoesNotContain(none, service => service.ServiceType == typeof(IHostedService));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddOperationsWorkers(
            new WorkerOptions { UpkeepInterval = TimeSpan.FromMinutes(1) }, settings));
    }
}
