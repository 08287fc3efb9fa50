using Microsoft.Playwright;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>A sync's detail page shows its item errors and log; the Cancel button ends a running sync.</summary>
public sealed class DetailAndCancelTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task FailedItem_ItsErrorShownOnTheSyncsDetailPage()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        var sync = await Tracker.StartAsync(new StartSync(org, "order", "woocommerce", 3, user));
        await Tracker.RecordItemFailureAsync(sync, "order-1042", "billing.email is not a valid address: 'jane@'");
        await Tracker.ReportAsync(org, sync.SyncId, 2, 1);

        await SignInAsync(token);
        await Expect(Row(org, sync.SyncId)).ToHaveAttributeAsync("data-status", "completed_with_errors");
        await Row(org, sync.SyncId).GetByRole(AriaRole.Link, new() { Name = sync.SyncId }).ClickAsync();
        var errors = Page.Locator("#item-errors");
        await Expect(errors).ToContainTextAsync("order-1042");
        await Expect(errors).ToContainTextAsync("billing.email is not a valid address: 'jane@'");
        await Expect(Page.Locator("#detail-body")).ToContainTextAsync("sync_completed");
        await ScreenshotAsync("sync-detail");

        await Page.GotoAsync(Fixture.BaseUrl + "/#/history");
        await Page.Locator("#history-filters select[name=status]").SelectOptionAsync("completed_with_errors");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Page.Locator($"#history-list tr[data-sync=\"{org}/{sync.SyncId}\"]")).ToBeVisibleAsync();
        await ScreenshotAsync("history");
        await Page.Locator("#history-filters select[name=status]").SelectOptionAsync("failed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Page.Locator($"#history-list tr[data-sync=\"{org}/{sync.SyncId}\"]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CancelButton_EndsTheRunningSyncAsCancelled()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        var sync = await Tracker.StartAsync(new StartSync(org, "customer", "woocommerce", 100, user));
        await Tracker.ReportAsync(org, sync.SyncId, 10, 0);

        await SignInAsync(token);
        await Row(org, sync.SyncId).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(Row(org, sync.SyncId)).ToHaveAttributeAsync("data-status", "cancelled");
        Assert.Equal(SyncStatus.Cancelled, (await Tracker.FindAsync(org, sync.SyncId))!.Status);
    }

    [Fact]
    public async Task DemoSignIn_SignsInAsTheDemoUser()
    {
        var (org, _, _) = await Fixture.NewUserAsync();
        var demoUser = await Fixture.Service<SyncOps.Operations.Organizations>().AddUserAsync(org, email: SyncOps.Server.Dashboard.DemoSignIn.Email);
        var sync = await Tracker.StartAsync(new StartSync(org, "product", "woocommerce", 10, demoUser));

        await Page.GotoAsync(Fixture.BaseUrl + SyncOps.Server.Dashboard.DemoSignIn.Path);
        await Expect(Page.Locator("#user-email")).ToHaveTextAsync(SyncOps.Server.Dashboard.DemoSignIn.Email);
        await Expect(Row(org, sync.SyncId)).ToBeVisibleAsync();
    }
}
