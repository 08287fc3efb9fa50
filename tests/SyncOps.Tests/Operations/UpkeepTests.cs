using SyncOps.Operations;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Operations;

/// <summary>
/// serve's automatic upkeep: one process at a time, stalled syncs (neither progress nor heartbeat moved) to timeout,
/// jobs whose worker died taken over.
/// </summary>
[Collection(HousekeepingTests.Name)]
public sealed class UpkeepTests : DatabaseTest
{
    [Fact]
    public async Task RunOnce_AnotherProcessHoldsTheUpkeepLock_SkipsThenRunsOnceReleased()
    {
        var upkeep = new Upkeep(DataSource, new MaintenanceRunner(DataSource));
        await using var other = await DataSource.OpenConnectionAsync();
        await Sql.ExecuteAsync(other, "select pg_advisory_lock(hashtextextended('syncops.upkeep', 0))");

        var skipped = await upkeep.RunOnceAsync(new MaintenanceOptions());
        await Sql.ExecuteAsync(other, "select pg_advisory_unlock(hashtextextended('syncops.upkeep', 0))");
        var ran = await upkeep.RunOnceAsync(new MaintenanceOptions());

        Assert.Null(skipped);
        Assert.NotNull(ran);
        // The lock is released after the pass: another process can take it.
        Assert.True(await Sql.ScalarAsync<bool>(other, "select pg_try_advisory_lock(hashtextextended('syncops.upkeep', 0))"));
        await Sql.ExecuteAsync(other, "select pg_advisory_unlock(hashtextextended('syncops.upkeep', 0))");
    }

    [Fact]
    public async Task RunOnce_StalledMeansNoProgressNorHeartbeat_MetadataWritesDoNotCount()
    {
        var orgId = TestDatabase.NewOrgId();
        foreach (var syncId in new[] { "metadata-only", "heartbeat", "progress" })
        {
            await SyncRows.InsertAsync(DataSource, orgId, syncId, 100);
            await SyncRows.BackdateUpdatedAtAsync(DataSource, orgId, syncId, TimeSpan.FromMinutes(20));
        }

        await ExecuteAsync("update public.sync_progress set metadata = '{\"note\":\"still here?\"}' where org_id = $1 and sync_id = 'metadata-only'", orgId);
        await ExecuteAsync("update public.sync_progress set heartbeat_at = now() where org_id = $1 and sync_id = 'heartbeat'", orgId);
        await ExecuteAsync("update public.sync_progress set processed_count = 10 where org_id = $1 and sync_id = 'progress'", orgId);

        var report = await new Upkeep(DataSource, new MaintenanceRunner(DataSource))
            .RunOnceAsync(new MaintenanceOptions { StaleAfter = TimeSpan.FromMinutes(15) });

        Assert.Equal([$"{orgId}/metadata-only"], report!.SyncsTimedOut.Where(sync => sync.StartsWith(orgId, StringComparison.Ordinal)));
        Assert.Equal("timeout", await ScalarAsync<string>("select status from public.sync_progress where org_id = $1 and sync_id = 'metadata-only'", orgId));
        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from public.sync_progress where org_id = $1 and status = 'running'", orgId));
    }

    [Fact]
    public async Task RunOnce_RunningJobWhoseWorkerDied_QueuedAgain_LeasedOneLeft_ExhaustedOneFailed()
    {
        var orgId = TestDatabase.NewOrgId();
        var (orphan, leased, exhausted) = (await AddConnectionAsync(orgId), await AddConnectionAsync(orgId), await AddConnectionAsync(orgId));
        var orphanJob = await AddRunningJobAsync(orgId, orphan, attempts: 1);
        var leasedJob = await AddRunningJobAsync(orgId, leased, attempts: 1);
        var exhaustedJob = await AddRunningJobAsync(orgId, exhausted, attempts: 5);
        // The engine holds this session lock (SyncLease) for as long as a run is alive.
        await using var worker = await DataSource.OpenConnectionAsync();
        await Sql.ExecuteAsync(worker, "select pg_advisory_lock(hashtextextended($1, 0))", $"syncops.sync|{orgId}|{leased}|customer");

        var report = await new MaintenanceRunner(DataSource).RunOnceAsync(new MaintenanceOptions { StaleAfter = TimeSpan.FromMinutes(15) });

        Assert.Equal(new[] { $"{orgId}/{exhaustedJob}", $"{orgId}/{orphanJob}" }.Order(), report.JobsTakenOver.Where(job => job.StartsWith(orgId, StringComparison.Ordinal)).Order());
        var orphanRow = await RowAsync("select status, error_message from public.sync_jobs where id = $1", orphanJob);
        Assert.Equal("queued", orphanRow["status"]);
        Assert.Equal("taken over after attempt 1: its worker stopped", orphanRow["error_message"]);
        Assert.Equal("running", await ScalarAsync<string>("select status from public.sync_jobs where id = $1", leasedJob));
        Assert.Equal("failed", await ScalarAsync<string>("select status from public.sync_jobs where id = $1", exhaustedJob));
    }

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }

    private async Task<long> AddRunningJobAsync(string orgId, Guid connectionId, int attempts) =>
        (await ScalarAsync<long>(
            """
            insert into public.sync_jobs (org_id, connection_id, entity_type, status, attempts, started_at)
            values ($1, $2, 'customer', 'running', $3, now() - interval '1 hour') returning id
            """, orgId, connectionId, attempts));
}
