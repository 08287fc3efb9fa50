using Microsoft.Extensions.Logging;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Server;
using SyncOps.Server.Dashboard;
using SyncOps.Server.Workers;
using SyncOps.Tracking;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary><c>/metrics</c> (Prometheus text from OpenTelemetry) and <c>/readyz</c>.</summary>
[Collection(DashboardTests.Name)]
public sealed class MetricsTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Metrics_ExposeSyncCountsAndRequestDurationsInPrometheusFormat()
    {
        // A server of its own: OpenTelemetry listens to every "Microsoft.AspNetCore.Hosting" meter in the process, and
        // when another host in it stops (the simulators of earlier tests) it drops that metric for good.
        await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Settings = fixture.Settings,
            Urls = "http://127.0.0.1:0",
            DataSource = fixture.DataSource,
            MinimumLogLevel = LogLevel.Warning,
            Dashboard = new DashboardOptions { Workers = new WorkerOptions { Count = 0 } },
        });
        await app.StartAsync();
        var (org, user, _) = await fixture.NewUserAsync();
        await fixture.Service<SyncTracker>().StartAsync(new StartSync(org, "product", "metrics-source", 10, user));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        (await http.GetAsync("/readyz")).EnsureSuccessStatusCode();

        // The sampler reads the database every few seconds, and a request's duration is recorded just after its response
        // is sent: wait for a scrape that has both.
        var text = "";
        for (var attempt = 0; attempt < 60 && !(text.Contains("source=\"metrics-source\"", StringComparison.Ordinal)
                                                 && text.Contains("http_route=\"/readyz\"", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(250);
            text = await http.GetStringAsync("/metrics");
        }

        await app.StopAsync();
        // One running sync of this source and entity (the exporter puts otel_scope_* labels first).
        Assert.Matches("(?m)^syncops_syncs_running\\{[^}]*entity=\"product\"[^}]*source=\"metrics-source\"[^}]*\\} 1$", text);
        Assert.Contains("syncops_progress_writes", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }
}
