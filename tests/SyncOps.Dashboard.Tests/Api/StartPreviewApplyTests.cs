using Microsoft.Playwright;
using SyncOps.Connections;
using SyncOps.Dashboard.Tests.Infrastructure;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>
/// Starting work from the page against a simulated WooCommerce store run in-process: a preview shows the delta and
/// applying it writes exactly that; a started sync is queued, run by the server's workers, and cancelled from the page.
/// </summary>
public sealed class StartPreviewApplyTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task PreviewThenApply_ShowsTheDeltaAndWritesIt()
    {
        var (org, _, token) = await Fixture.NewUserAsync();
        await using var store = await WooCommerceSimulator.StartAsync(new SimulatorOptions { Customers = 30, Products = 5, Orders = 5 });
        var connection = await AddConnectionAsync(org, store);

        await SignInAsync(token);
        await Page.GotoAsync(Fixture.BaseUrl + "/#/start");
        await Page.Locator("#start-form").GetByLabel("Connection").SelectOptionAsync(connection.Id.ToString());
        await Page.Locator("#start-form").GetByLabel("Entity").SelectOptionAsync("customer");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(Page.Locator("[data-field=to_create]")).ToHaveTextAsync("30");
        await Expect(Page.Locator("[data-field=to_update]")).ToHaveTextAsync("0");
        await ScreenshotAsync("preview");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply this delta" }).ClickAsync();
        await Expect(Page.Locator("#apply-result")).ToContainTextAsync("completed, 30 created, 0 updated, 0 failed");
        await using var command = Fixture.DataSource.CreateCommand("select count(*) from public.customers where org_id = $1");
        command.Parameters.AddWithValue(org);
        Assert.Equal(30L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task StartedSync_RunByTheServersWorker_CancelledFromThePage()
    {
        var (org, _, token) = await Fixture.NewUserAsync();
        // Every page answers after a second: the sync runs long enough to be cancelled while it runs.
        await using var store = await WooCommerceSimulator.StartAsync(new SimulatorOptions
        {
            Customers = 2_000, FaultRate = 1.0, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromSeconds(1),
        });
        var connection = await AddConnectionAsync(org, store);

        await SignInAsync(token);
        await Page.GotoAsync(Fixture.BaseUrl + "/#/start");
        await Page.Locator("#start-form").GetByLabel("Connection").SelectOptionAsync(connection.Id.ToString());
        await Page.Locator("#start-form").GetByLabel("Entity").SelectOptionAsync("customer");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start sync" }).ClickAsync();
        await Expect(Page.Locator("#start-message")).ToContainTextAsync("Queued as job");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Active" }).First.ClickAsync();
        var running = Page.Locator($"#active-list tr[data-sync^=\"{org}/\"][data-status=running]");
        await Expect(running).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var syncKey = await running.GetAttributeAsync("data-sync");
        await running.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(Page.Locator($"tr[data-sync=\"{syncKey}\"]")).ToHaveAttributeAsync("data-status", "cancelled");
        Assert.Equal("cancelled", await WaitForJobToEndAsync(org));
    }

    private Task<Connection> AddConnectionAsync(string org, WooCommerceSimulator store) =>
        Fixture.Service<ConnectionStore>().AddAsync(new NewConnection(
            org, "woocommerce", store.BaseUrl, new ConnectionSecrets(store.Options.ConsumerKey, store.Options.ConsumerSecret), "Simulated store"));

    /// <summary>The job's final status once the worker has recorded it (the engine notices the cancel within its poll interval).</summary>
    private async Task<string> WaitForJobToEndAsync(string org)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            await using var command = Fixture.DataSource.CreateCommand("select status from public.sync_jobs where org_id = $1");
            command.Parameters.AddWithValue(org);
            var status = (string?)await command.ExecuteScalarAsync();
            if (status is not null and not "queued" and not "running")
            {
                return status;
            }

            await Task.Delay(200);
        }

        return "still running after 30 s";
    }
}
