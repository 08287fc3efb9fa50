using System.Security.Cryptography;
using SyncOps.Connections;
using SyncOps.Operations;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Operations;

/// <summary>SYNCOPS_STALE_AFTER overridden per connection (connections.stale_after), as both upkeep sweeps read it.</summary>
[Collection(HousekeepingTests.Name)]
public sealed class ConnectionStaleAfterTests : DatabaseTest
{
    private static readonly MaintenanceOptions s_fifteenMinutes = new() { StaleAfter = TimeSpan.FromMinutes(15) };

    private ConnectionStore Store => new(DataSource, new SecretProtector(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public async Task RunOnce_ConnectionAllowances_ShorterTimesOutEarlierLongerKeepsRunning()
    {
        var org = TestDatabase.NewOrgId();
        var (strict, lenient, plain) = (await AddConnectionAsync(org), await AddConnectionAsync(org), await AddConnectionAsync(org));
        await Store.SetStaleAfterAsync(org, strict, TimeSpan.FromMinutes(1));
        await Store.SetStaleAfterAsync(org, lenient, TimeSpan.FromHours(2));
        await RunningSyncAsync(org, "strict-5m", strict, TimeSpan.FromMinutes(5));
        await RunningSyncAsync(org, "lenient-20m", lenient, TimeSpan.FromMinutes(20));
        await RunningSyncAsync(org, "plain-20m", plain, TimeSpan.FromMinutes(20));
        await RunningSyncAsync(org, "plain-5m", plain, TimeSpan.FromMinutes(5));

        var report = await new MaintenanceRunner(DataSource).RunOnceAsync(s_fifteenMinutes);

        Assert.Equal([$"{org}/plain-20m", $"{org}/strict-5m"], report.SyncsTimedOut.Where(s => s.StartsWith(org + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal("running", await StatusAsync(org, "lenient-20m"));
        Assert.Equal("running", await StatusAsync(org, "plain-5m"));
        Assert.Equal("no progress report or heartbeat for 00:01:00",
            await ScalarAsync<string>("select error_message from public.sync_progress where org_id = $1 and sync_id = 'strict-5m'", org));
    }

    [Fact]
    public async Task RunOnce_OrphanedJobOfStrictConnection_TakenOverBeforeTheDefault()
    {
        var org = TestDatabase.NewOrgId();
        var (strict, plain) = (await AddConnectionAsync(org), await AddConnectionAsync(org));
        await Store.SetStaleAfterAsync(org, strict, TimeSpan.FromMinutes(1));
        const string Job = "insert into public.sync_jobs (org_id, connection_id, entity_type, status, attempts, started_at) values ($1, $2, 'order', 'running', 1, now() - interval '5 minutes')";
        await ExecuteAsync(Job, org, strict);
        await ExecuteAsync(Job, org, plain);

        var report = await new MaintenanceRunner(DataSource).RunOnceAsync(s_fifteenMinutes);

        Assert.Single(report.JobsTakenOver, j => j.StartsWith(org + "/", StringComparison.Ordinal));
        Assert.Equal("queued", await ScalarAsync<string>("select status from public.sync_jobs where org_id = $1 and connection_id = $2", org, strict));
        Assert.Equal("running", await ScalarAsync<string>("select status from public.sync_jobs where org_id = $1 and connection_id = $2", org, plain));
    }

    [Fact]
    public async Task SetStaleAfter_BackToDefault_Cleared_OutOfRangeAndUnknownRefused()
    {
        var org = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(org);
        await Store.SetStaleAfterAsync(org, connection, TimeSpan.FromHours(1));
        var set = await Store.GetStaleAfterAsync(org, connection);
        await Store.SetStaleAfterAsync(org, connection, null);

        var tooShort = await Assert.ThrowsAsync<SyncOpsException>(() => Store.SetStaleAfterAsync(org, connection, TimeSpan.FromSeconds(5)));
        var otherOrg = await Assert.ThrowsAsync<SyncOpsException>(() => Store.SetStaleAfterAsync(TestDatabase.NewOrgId(), connection, TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.FromHours(1), set);
        Assert.Null(await Store.GetStaleAfterAsync(org, connection));
        Assert.Contains("between 10s and 7d", tooShort.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", otherOrg.Message, StringComparison.Ordinal);
    }

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }

    private async Task RunningSyncAsync(string orgId, string syncId, Guid connectionId, TimeSpan silentFor)
    {
        await SyncRows.InsertAsync(DataSource, orgId, syncId, 10);
        await ExecuteAsync("update public.sync_progress set metadata = jsonb_build_object('connection_id', $3::text) where org_id = $1 and sync_id = $2",
            orgId, syncId, connectionId.ToString());
        await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, syncId, silentFor);
    }

    private Task<string?> StatusAsync(string orgId, string syncId) =>
        ScalarAsync<string>("select status from public.sync_progress where org_id = $1 and sync_id = $2", orgId, syncId);
}
