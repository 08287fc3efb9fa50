using Microsoft.Playwright;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>A user of one organisation sees none of another's syncs: not live, not in history, not by URL.</summary>
public sealed class IsolationTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task SecondOrganisationsUser_SeesNoneOfTheFirstOrganisationsSyncs()
    {
        var first = await Fixture.NewUserAsync();
        var second = await Fixture.NewUserAsync();
        var hidden = await Tracker.StartAsync(new StartSync(first.OrgId, "order", "woocommerce", 10, first.UserId));
        await Tracker.RecordItemFailureAsync(hidden, "order-1", "secret detail of the first organisation");
        var own = await Tracker.StartAsync(new StartSync(second.OrgId, "order", "woocommerce", 10, second.UserId));

        await SignInAsync(second.Token);
        await Expect(Row(second.OrgId, own.SyncId)).ToBeVisibleAsync();
        // Both organisations report while the second user watches; only the second's own update may arrive.
        await Tracker.ReportAsync(first.OrgId, hidden.SyncId, 5, 0);
        await Tracker.ReportAsync(second.OrgId, own.SyncId, 5, 0);
        await Expect(Row(second.OrgId, own.SyncId).GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "50");
        await Expect(Page.Locator($"[data-sync^=\"{first.OrgId}/\"]")).ToHaveCountAsync(0);

        await Page.GotoAsync(Fixture.BaseUrl + "/#/history");
        await Expect(Page.Locator($"#history-list tr[data-sync=\"{second.OrgId}/{own.SyncId}\"]")).ToBeVisibleAsync();
        await Expect(Page.Locator($"#history-list [data-sync^=\"{first.OrgId}/\"]")).ToHaveCountAsync(0);

        var detail = await Page.APIRequest.GetAsync($"{Fixture.BaseUrl}/api/syncs/{first.OrgId}/{hidden.SyncId}");
        Assert.Equal(404, detail.Status);
        Assert.DoesNotContain("secret detail", await detail.TextAsync(), StringComparison.Ordinal);
        var cancel = await Page.APIRequest.PostAsync($"{Fixture.BaseUrl}/api/syncs/{first.OrgId}/{hidden.SyncId}/cancel");
        Assert.Equal(404, cancel.Status);
        Assert.Equal(SyncStatus.Running, (await Tracker.FindAsync(first.OrgId, hidden.SyncId))!.Status);
    }

    [Fact]
    public async Task NotSignedIn_ApiAnswers401AndPageShowsSignIn()
    {
        var response = await Page.APIRequest.GetAsync(Fixture.BaseUrl + "/api/syncs");
        Assert.Equal(401, response.Status);
        await Page.GotoAsync(Fixture.BaseUrl + "/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Page.GetByLabel("E-mail").FillAsync("nobody@example.com");
        await Page.GetByLabel("Password").FillAsync("no-such-password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("#signin-error")).ToContainTextAsync("Invalid login credentials");
    }
}
