using Microsoft.Playwright;
using SyncOps.Connections;
using SyncOps.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Api;

/// <summary>The Schedules page: each schedule of the user's organisations with its rule and runs, paused and resumed there.</summary>
public sealed class SchedulesTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task Schedules_ListedWithTheirRule_PausedAndResumedFromThePage_AnotherOrganisationsHidden()
    {
        var (org, _, token) = await Fixture.NewUserAsync();
        var (otherOrg, _, _) = await Fixture.NewUserAsync();
        // Cron on 1 January: the server's scheduler plans the run but never starts it during the test.
        var mine = await AddScheduleAsync(org, "Brussels store");
        await AddScheduleAsync(otherOrg, "Another organisation's store");

        await SignInAsync(token);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Schedules" }).ClickAsync();
        var row = Page.Locator($"tr[data-schedule=\"{mine}\"]");
        await Expect(row).ToContainTextAsync("Brussels store");
        await Expect(row).ToContainTextAsync("0 0 1 1 * (Europe/Brussels)");
        await Expect(row.Locator("[data-field=paused]")).ToHaveTextAsync("active");
        await Expect(Page.Locator("#schedules-list")).Not.ToContainTextAsync("Another organisation's store");
        await Expect(Page.Locator("#schedules-list tbody tr")).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row.Locator("[data-field=paused]")).ToHaveTextAsync("paused");
        Assert.True(await PausedAsync(org, mine));

        await row.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(row.Locator("[data-field=paused]")).ToHaveTextAsync("active");
        Assert.False(await PausedAsync(org, mine));
        await ScreenshotAsync("schedules");
    }

    [Fact]
    public async Task PauseAnotherOrganisationsSchedule_NotFoundAndUnchanged()
    {
        var (_, _, token) = await Fixture.NewUserAsync();
        var (otherOrg, _, _) = await Fixture.NewUserAsync();
        var theirs = await AddScheduleAsync(otherOrg, "Their store");

        await SignInAsync(token);
        var response = await Page.APIRequest.PostAsync($"{Fixture.BaseUrl}/api/schedules/{otherOrg}/{theirs}/pause");

        Assert.Equal(404, response.Status);
        Assert.False(await PausedAsync(otherOrg, theirs));
    }

    private async Task<Guid> AddScheduleAsync(string org, string connectionName)
    {
        var connection = await Fixture.Service<ConnectionStore>().AddAsync(new NewConnection(
            org, "woocommerce", "http://127.0.0.1:9", new ConnectionSecrets("ck_test", "cs_test"), connectionName));
        await using var command = Fixture.DataSource.CreateCommand(
            """
            insert into public.sync_schedules (org_id, connection_id, entity_type, cron, time_zone)
            values ($1, $2, 'customer', '0 0 1 1 *', 'Europe/Brussels') returning id
            """);
        command.Parameters.AddWithValue(org);
        command.Parameters.AddWithValue(connection.Id);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private async Task<bool> PausedAsync(string org, Guid id)
    {
        await using var command = Fixture.DataSource.CreateCommand("select paused from public.sync_schedules where org_id = $1 and id = $2");
        command.Parameters.AddWithValue(org);
        command.Parameters.AddWithValue(id);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
