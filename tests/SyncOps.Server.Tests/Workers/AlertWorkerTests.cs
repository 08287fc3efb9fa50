using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncOps.Alerts;
using SyncOps.Configuration;
using SyncOps.Server.Dashboard;
using SyncOps.Server.Tests.Infrastructure;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Tests.Workers;

/// <summary>serve evaluates alert rules and sends the alert itself: a failed sync reaches a receiver with nobody typing a command.</summary>
public sealed class AlertWorkerTests : ServerTest
{
    [Fact]
    public async Task Serve_FailedSync_AlertSentByTheServersOwnLoop_Once()
    {
        using var receiver = new AlertReceiver();
        var org = NewOrgId();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1)", org);
        var database = await TestDatabase.GetAsync();
        await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = Server.DataSource,
            // The shared test server's data folder, hence its secret key: whichever serve process takes the alert pass
            // (both may) decrypts the channel.
            Settings = new SyncOpsSettings(database.Url, database.Cluster.DataDirectory) { JwtSecret = TestServer.Secret },
            MinimumLogLevel = LogLevel.Warning,
            Dashboard = new DashboardOptions
            {
                Workers = new WorkerOptions { Count = 0, UpkeepInterval = TimeSpan.Zero, SchedulerInterval = TimeSpan.Zero, AlertInterval = TimeSpan.FromMilliseconds(200) },
            },
        });
        var (channel, _) = await app.Services.GetRequiredService<AlertChannels>().AddAsync(new NewAlertChannel(org, AlertChannels.Slack, receiver.Url.AbsoluteUri));
        await app.Services.GetRequiredService<AlertRules>().AddAsync(new NewAlertRule(org, channel.Id, AlertConditions.Failed));
        await ExecuteAsync(
            "insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items) values ($1, 'sync-down', 'order', 'odoo', 10)", org);
        await ExecuteAsync("update public.sync_progress set status = 'failed', error_message = 'store down' where org_id = $1", org);
        await app.StartAsync();

        // Waits for the background loop; the bound only stops a broken loop from hanging the run.
        for (var attempt = 0; attempt < 300 && receiver.Requests.Count == 0; attempt++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(600); // a few more passes, which must not send it again
        await app.StopAsync();
        var request = Assert.Single(receiver.Requests);
        Assert.Contains("order sync sync-down failed: store down", JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString());
        Assert.Equal("delivered", await ScalarAsync<string>("select status from public.alert_deliveries where org_id = $1", org));
    }

    [Fact]
    public void AddAlertWorker_RegisteredByDefault_NotWhenIntervalZero()
    {
        var services = new ServiceCollection().AddAlertWorker(new WorkerOptions());
        var none = new ServiceCollection().AddAlertWorker(new WorkerOptions { AlertInterval = TimeSpan.Zero });

        Assert.Equal([typeof(AlertService)], services.Where(s => s.ServiceType == typeof(IHostedService)).Select(s => s.ImplementationType));
        Assert.DoesNotContain(none, s => s.ServiceType == typeof(IHostedService));
    }
}
