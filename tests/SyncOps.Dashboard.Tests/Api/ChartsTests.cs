using Microsoft.Playwright;
using SyncOps.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>
/// The charts (uPlot, bundled from npm): a sync's progress, speed and ETA as predicted over time from its samples, and
/// the daily trends per entity and source. Each test reads back the data the chart was drawn with.
/// </summary>
public sealed class ChartsTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task SyncDetail_WithSamples_ChartsProgressSpeedAndEtaAsPredicted()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        await Fixture.ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, initiated_by, started_at)
            values ($1, 'sync-charted', 'customer', 'woocommerce', 1000, $2, now() - interval '10 minutes')
            """, org, user);
        // The trigger's own first sample is replaced by a scripted history: four points a minute apart, each with the
        // ETA predicted then (the last prediction, 4 min, is exactly right: the sync ends at minute 10 below).
        await Fixture.ExecuteAsync("delete from public.sync_progress_samples where org_id = $1", org);
        await Fixture.ExecuteAsync(
            """
            insert into public.sync_progress_samples
                (org_id, sync_id, sampled_at, status, done, total_items, speed_items_per_min, recent_items_per_sec, eta_seconds)
            select $1, 'sync-charted', p.started_at + make_interval(mins => i + 2), 'running', i * 200, 1000, 0, i * 1.5, (6 - i) * 60
            from public.sync_progress p, generate_series(1, 4) i
            where p.org_id = $1 and p.sync_id = 'sync-charted'
            """, org);
        await Fixture.ExecuteAsync(
            "update public.sync_progress set processed_count = 1000 where org_id = $1 and sync_id = 'sync-charted'", org);

        await SignInAsync(token);
        await Page.GotoAsync($"{Fixture.BaseUrl}/#/sync/{org}/sync-charted");
        await Page.WaitForFunctionAsync("() => window.SyncOps.charts.progress && window.SyncOps.charts.eta");

        // Processed items: the four scripted points and the final one the trigger took when the sync completed.
        var series1 = await Page.EvaluateAsync<int[]>("() => window.SyncOps.charts.progress.data[1]");
        Assert.Equal([200, 400, 600, 800, 1000], series1);
        // Speed in items/min from the working rate (1.5/s is 90/min); the final sample's rate is the last one computed.
        var speed = await Page.EvaluateAsync<double?[]>("() => window.SyncOps.charts.progress.data[2]");
        Assert.Equal(new double?[] { 90, 180, 270, 360 }, speed[..4]);
        // Predicted total duration in minutes at each moment (elapsed + ETA): 3 + 5, 4 + 4, 5 + 3, 6 + 2.
        var predicted = await Page.EvaluateAsync<double[]>("() => window.SyncOps.charts.eta.data[1]");
        Assert.Equal(4, predicted.Length);
        Assert.All(predicted, minutes => Assert.InRange(minutes, 7.99, 8.01));
        // ... against the actual duration, about 10 minutes.
        var actual = await Page.EvaluateAsync<double[]>("() => window.SyncOps.charts.eta.data[2]");
        Assert.All(actual, minutes => Assert.InRange(minutes, 9.9, 11));
        await ScreenshotAsync("sync-charts");
    }

    [Fact]
    public async Task Trends_DailyChart_CountsSyncsPerDayEntityAndSourceAndFailures()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        var (otherOrg, otherUser, _) = await Fixture.NewUserAsync();
        // Customers from WooCommerce today, yesterday and two days ago; one failed order from Odoo today; and another
        // organisation's syncs, which must count nowhere.
        foreach (var (daysAgo, entity, source, status) in new[]
                 {
                     (0, "customer", "woocommerce", "completed"), (1, "customer", "woocommerce", "completed"),
                     (2, "customer", "woocommerce", "completed"), (0, "order", "odoo", "failed"),
                 })
        {
            await InsertEndedSyncAsync(org, user, daysAgo, entity, source, status);
        }

        await InsertEndedSyncAsync(otherOrg, otherUser, 0, "customer", "woocommerce", "completed");
        await InsertEndedSyncAsync(otherOrg, otherUser, 0, "customer", "woocommerce", "completed");

        await SignInAsync(token);
        await Page.GotoAsync(Fixture.BaseUrl + "/#/trends");
        await Page.Locator("#trends-days").SelectOptionAsync("7");
        await Page.WaitForFunctionAsync("() => window.SyncOps.charts.daily && window.SyncOps.charts.daily.data[0].length === 7");

        var labels = await Page.EvaluateAsync<string[]>("() => window.SyncOps.charts.daily.series.slice(1).map(s => s.label)");
        Assert.Equal(["customer · woocommerce", "order · odoo"], labels);
        // One point per day, the last is today (UTC): three customer syncs on the last three days, one order today.
        var series2 = await Page.EvaluateAsync<int[]>("() => window.SyncOps.charts.daily.data[1]");
        Assert.Equal([0, 0, 0, 0, 1, 1, 1], series2);
        var series3 = await Page.EvaluateAsync<int[]>("() => window.SyncOps.charts.daily.data[2]");
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], series3);

        await Page.Locator("#trends-measure").SelectOptionAsync("failures");
        await Page.WaitForFunctionAsync("() => window.SyncOps.charts.daily.series[0] && document.querySelector('#daily-chart .u-title').textContent.startsWith('Failed')");
        var series4 = await Page.EvaluateAsync<int[]>("() => window.SyncOps.charts.daily.data[1]");
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], series4);
        var series5 = await Page.EvaluateAsync<int[]>("() => window.SyncOps.charts.daily.data[2]");
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], series5);
        await Expect(Page.Locator("#failed-table")).ToContainTextAsync("order");
        await ScreenshotAsync("trends-daily");
    }

    [Fact]
    public async Task SlowSyncs_ClickingAHeader_SortsByItThenReverses()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        foreach (var (syncId, minutes) in new[] { ("sync-slow-b", 20), ("sync-slow-a", 50), ("sync-slow-c", 30) })
        {
            // 100 items in N minutes: 5, 2 and 3.3 items/min, all under the page's 100 items/min threshold.
            await Fixture.ExecuteAsync(
                """
                insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, initiated_by, started_at)
                values ($1, $2, 'product', 'odoo', 100, $3, now() - make_interval(mins => $4))
                """, org, syncId, user, minutes);
            await Fixture.ExecuteAsync(
                "update public.sync_progress set processed_count = 100 where org_id = $1 and sync_id = $2", org, syncId);
        }

        await SignInAsync(token);
        await Page.GotoAsync(Fixture.BaseUrl + "/#/trends");
        var slow = Page.Locator("#slow-table");
        await Expect(slow.Locator("tbody tr")).ToHaveCountAsync(3);

        await slow.GetByRole(AriaRole.Button, new() { Name = "Items/min" }).ClickAsync();
        Assert.Equal(["sync-slow-a", "sync-slow-c", "sync-slow-b"], await SyncIdsAsync(slow));
        await Expect(slow.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Items/min");

        await slow.GetByRole(AriaRole.Button, new() { Name = "Items/min" }).ClickAsync();
        Assert.Equal(["sync-slow-b", "sync-slow-c", "sync-slow-a"], await SyncIdsAsync(slow));
        await Expect(slow.Locator("th[aria-sort=descending]")).ToContainTextAsync("Items/min");
    }

    // A sync started N days ago that ended: completed (all 10 items) or with the given status after 5.
    private async Task InsertEndedSyncAsync(string org, Guid user, int daysAgo, string entity, string source, string status)
    {
        var syncId = "sync-day-" + Guid.NewGuid();
        await Fixture.ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, initiated_by, started_at)
            values ($1, $2, $3, $4, 10, $5, now() - make_interval(days => $6))
            """, org, syncId, entity, source, user, daysAgo);
        await Fixture.ExecuteAsync(
            status == "completed"
                ? "update public.sync_progress set processed_count = 10 where org_id = $1 and sync_id = $2"
                : $"update public.sync_progress set processed_count = 5, status = '{status}' where org_id = $1 and sync_id = $2",
            org, syncId);
    }

    private static async Task<string[]> SyncIdsAsync(ILocator table) =>
        [.. await table.Locator("tbody tr td:first-child").AllInnerTextsAsync()];
}
