using Microsoft.Playwright;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Tracking;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Live;

/// <summary>The Active page follows syncs as they report, pushed over server-sent events, without reloading.</summary>
public sealed class LiveProgressTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task SyncReportsToCompletion_ProgressBarGoesFrom0To100WithoutReload()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        await SignInAsync(token);
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var sync = await Tracker.StartAsync(new StartSync(org, "product", "woocommerce", 50, user));
        var bar = Row(org, sync.SyncId).GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0");

        await Tracker.ReportAsync(org, sync.SyncId, 20, 0);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "40");
        await Expect(Row(org, sync.SyncId).Locator("[data-field=counts]")).ToContainTextAsync("20 / 0 / 50");
        await ScreenshotAsync("active-syncs");

        // A burst of per-item reports: coalesced on the way, and the last one (which ends the sync) always arrives.
        for (var processed = 21; processed <= 50; processed++)
        {
            await Tracker.ReportAsync(org, sync.SyncId, processed, 0);
        }

        await Expect(Row(org, sync.SyncId)).ToHaveAttributeAsync("data-status", "completed");
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task BurstOfReportsThatDoesNotEndTheSync_LatestCountsStillShown()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        await SignInAsync(token);
        var sync = await Tracker.StartAsync(new StartSync(org, "order", "woocommerce", 100, user));
        await Expect(Row(org, sync.SyncId)).ToBeVisibleAsync();

        // Most of these land inside the trigger's 200 ms quiet window and send no NOTIFY; the hub's trailing read
        // must still deliver the last one.
        for (var processed = 1; processed <= 37; processed++)
        {
            await Tracker.ReportAsync(org, sync.SyncId, processed, 0);
        }

        await Expect(Row(org, sync.SyncId).GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "37");
        await Expect(Row(org, sync.SyncId)).ToHaveAttributeAsync("data-status", "running");
    }

    [Fact]
    public async Task SyncWithoutReportsForThreeMinutes_ShownAsStalled()
    {
        var (org, _, token) = await Fixture.NewUserAsync();
        const string syncId = "sync-stalled";
        // Started three minutes ago and never reported since (the trigger keeps started_at of an insert).
        await using (var command = Fixture.DataSource.CreateCommand(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, started_at)
            values ($1, $2, 'customer', 'woocommerce', 100, now() - interval '3 minutes')
            """))
        {
            command.Parameters.AddWithValue(org);
            command.Parameters.AddWithValue(syncId);
            await command.ExecuteNonQueryAsync();
        }

        await SignInAsync(token);
        await Expect(Row(org, syncId).Locator("[data-field=state]")).ToContainTextAsync("stalled: no report for 3 min");
    }

    [Fact]
    public async Task SyncWaitingToRetryItsSource_ShownAsRateLimitedWithAttemptAndCountdown()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        var sync = await Tracker.StartAsync(new StartSync(org, "order", "woocommerce", 100, user));
        await Tracker.ReportAsync(org, sync.SyncId, 10, 0);
        await SignInAsync(token);

        await Tracker.RecordRetryAsync(org, sync.SyncId, 2, 5, TimeSpan.FromMinutes(5), "rate limited");
        await Expect(Row(org, sync.SyncId).Locator("[data-field=state]")).ToContainTextAsync("rate limited, retry 2 of 5 in");

        await Tracker.ClearRetryAsync(org, sync.SyncId);
        await Expect(Row(org, sync.SyncId).Locator("[data-field=state]")).ToHaveTextAsync("running");
    }
}
