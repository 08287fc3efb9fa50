using Microsoft.Playwright;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>The Trends page: the guide's "Sync Duration Trends" as a chart and a table, and "Find Slow Syncs".</summary>
public sealed class TrendsTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task CompletedSyncs_AppearInDurationTrendsChartAndTable()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        foreach (var entity in new[] { "product", "order", "order" })
        {
            var sync = await Tracker.StartAsync(new StartSync(org, entity, "woocommerce", 10, user));
            await Tracker.CompleteAsync(org, sync.SyncId, 10, 0);
        }

        await SignInAsync(token);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Trends" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Average sync duration per entity" })).ToContainTextAsync($"{org} · order");
        var table = Page.Locator("#trends-table");
        await Expect(table.Locator("tr", new() { HasText = "order" })).ToContainTextAsync("2");
        await Expect(table.Locator("tr", new() { HasText = "product" })).ToContainTextAsync("1");
        await ScreenshotAsync("trends");
    }
}
