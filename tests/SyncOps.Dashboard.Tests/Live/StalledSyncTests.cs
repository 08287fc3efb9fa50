using SyncOps.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SyncOps.Dashboard.Tests.Live;

/// <summary>A sync that stopped reporting shows as stalled, without the ETA it had when it last reported.</summary>
public sealed class StalledSyncTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task SyncSilentForFiveMinutes_ShowsStalledAndNoEta()
    {
        var (org, user, token) = await Fixture.NewUserAsync();
        await Fixture.ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, total_items, initiated_by, started_at)
            values ($1, 'sync-silent', 'order', 'odoo', 100, $2, now() - interval '1 hour')
            """, org, user);
        await Fixture.ExecuteAsync(
            "update public.sync_progress set processed_count = 10 where org_id = $1 and sync_id = 'sync-silent'", org);
        Assert.NotNull(await EtaAsync(org));
        // Its last report five minutes ago (under the server's 15-minute timeout), written around the trigger, which
        // would otherwise stamp the present: a test database owner may, and only for this.
        await Fixture.ExecuteAsync(
            $"""
            set session_replication_role = replica;
            update public.sync_progress set last_progress_at = now() - interval '5 minutes', heartbeat_at = null,
                   updated_at = now() - interval '5 minutes'
            where org_id = '{org}' and sync_id = 'sync-silent';
            set session_replication_role = origin;
            """);

        await SignInAsync(token);
        var row = Row(org, "sync-silent");
        await Expect(row.Locator("[data-field=state]")).ToContainTextAsync("stalled: no report for 5 min");
        await Expect(row.Locator("[data-field=eta]")).ToHaveTextAsync("–");
    }

    private async Task<int?> EtaAsync(string org)
    {
        await using var command = Fixture.DataSource.CreateCommand(
            "select eta_seconds from public.sync_progress where org_id = $1 and sync_id = 'sync-silent'");
        command.Parameters.AddWithValue(org);
        return await command.ExecuteScalarAsync() as int?;
    }
}
