using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary><c>/metrics</c> (Prometheus text from OpenTelemetry) and <c>/readyz</c>.</summary>
[Collection(DashboardTests.Name)]
public sealed class MetricsTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Metrics_ExposeSyncCountsAndRequestDurationsInPrometheusFormat()
    {
        var (org, user, _) = await fixture.NewUserAsync();
        await fixture.Service<SyncTracker>().StartAsync(new StartSync(org, "product", "metrics-source", 10, user));
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
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

        // One running sync of this source and entity (the exporter puts otel_scope_* labels first).
        Assert.Matches("(?m)^syncops_syncs_running\\{[^}]*entity=\"product\"[^}]*source=\"metrics-source\"[^}]*\\} 1$", text);
        Assert.Contains("syncops_progress_writes", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }
}
