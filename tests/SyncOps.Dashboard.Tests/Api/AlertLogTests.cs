using SyncOps.Alerts;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>The Alerts page: open incidents, the alert log with each message's outcome, the rules; only the user's organisation.</summary>
public sealed class AlertLogTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task FailedSync_AlertInTheLog_OtherOrganisationsAlertsHidden()
    {
        using var receiver = new AlertReceiver();
        var mine = await Fixture.NewUserAsync();
        var theirs = await Fixture.NewUserAsync();
        foreach (var (org, user, error) in new[] { (mine.OrgId, mine.UserId, "store answered 401"), (theirs.OrgId, theirs.UserId, "secret of the other organisation") })
        {
            var (channel, _) = await Fixture.Service<AlertChannels>().AddAsync(new NewAlertChannel(org, AlertChannels.Slack, receiver.Url.AbsoluteUri, Name: "ops room"));
            await Fixture.Service<AlertRules>().AddAsync(new NewAlertRule(org, channel.Id, AlertConditions.Failed));
            var sync = await Tracker.StartAsync(new StartSync(org, "order", "woocommerce", 10, user));
            await Tracker.FailAsync(org, sync.SyncId, error);
        }

        // serve's own loop may take the pass first (it then returns null here); either way both alerts end delivered.
        for (var attempt = 0; attempt < 100 && await DeliveredAsync(mine.OrgId, theirs.OrgId) < 2; attempt++)
        {
            await Fixture.Service<AlertEvaluator>().RunOnceAsync();
            await Task.Delay(100);
        }

        await SignInAsync(mine.Token);
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        var log = Page.Locator("#alert-log-table");
        await Expect(log).ToContainTextAsync("store answered 401");
        await Expect(log.Locator("tr", new() { HasText = "store answered 401" })).ToContainTextAsync("delivered");
        await Expect(Page.Locator("#alert-incidents")).ToContainTextAsync("woocommerce/order");
        await Expect(Page.Locator("#alert-rules")).ToContainTextAsync("ops room");
        await Expect(Page.Locator("#main")).Not.ToContainTextAsync("secret of the other organisation");
        await ScreenshotAsync("alerts");
    }

    private Task<long> DeliveredAsync(string first, string second) =>
        Sql.ScalarAsync<long>(Fixture.DataSource,
            "select count(*) from public.alert_deliveries where org_id in ($1, $2) and status = 'delivered'", first, second);
}
