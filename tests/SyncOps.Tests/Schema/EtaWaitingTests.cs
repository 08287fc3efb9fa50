using Npgsql;
using SyncOps.Tracking;

namespace SyncOps.Tests.Schema;

/// <summary>
/// The trigger's bookkeeping of waits (migration 0150): a write naming a waiting_until ahead begins a wait, the time
/// after it counts as waiting rather than as slowness, and the ETA includes the known wait left.
/// </summary>
public sealed class EtaWaitingTests : DatabaseTest
{
    [Fact]
    public async Task RecordRetry_WaitAhead_CountsOneWaitAndEtaIncludesTheWaitLeft()
    {
        var orgId = TestDatabase.NewOrgId();
        await StartAsync(orgId, "eta-wait");
        await ExecuteAsync("update public.sync_progress set processed_count = 2500 where org_id = $1 and sync_id = 'eta-wait'", orgId);

        await new SyncTracker(DataSource, TimeProvider.System)
            .RecordRetryAsync(orgId, "eta-wait", 1, 5, TimeSpan.FromMinutes(10), "rate limited");

        var (waitCount, _, eta, waitingUntil) = await ReadAsync(orgId, "eta-wait");
        Assert.Equal(1, waitCount);
        Assert.NotNull(waitingUntil);
        // 600 s of waiting left, then 7,500 items at about 25/s (300 s): the wait is part of the estimate.
        Assert.InRange(eta!.Value, 880, 1000);
    }

    [Fact]
    public async Task Heartbeat_DuringAWait_AccruesWaitedTimeNotWorkingTime()
    {
        var orgId = TestDatabase.NewOrgId();
        await StartAsync(orgId, "eta-accrue");
        await ExecuteAsync(
            "update public.sync_progress set processed_count = 2500 where org_id = $1 and sync_id = 'eta-accrue'", orgId);
        await ExecuteAsync(
            "update public.sync_progress set waiting_until = now() + interval '1 hour' where org_id = $1 and sync_id = 'eta-accrue'",
            orgId);
        await Task.Delay(600);

        await ExecuteAsync(
            "update public.sync_progress set heartbeat_at = now() where org_id = $1 and sync_id = 'eta-accrue'", orgId);

        var (waitCount, waited, _, _) = await ReadAsync(orgId, "eta-accrue");
        Assert.Equal(1, waitCount);
        // The half second slept is waiting time, counted from the write that announced the wait.
        Assert.InRange(waited, 0.5, 30);
    }

    [Fact]
    public async Task WaitingUntil_InThePastOrRepeated_IsNotANewWait()
    {
        var orgId = TestDatabase.NewOrgId();
        await StartAsync(orgId, "eta-same");
        await ExecuteAsync(
            "update public.sync_progress set waiting_until = now() + interval '1 minute' where org_id = $1 and sync_id = 'eta-same'",
            orgId);

        // The same announcement rewritten, and one that already lies in the past, begin nothing.
        await ExecuteAsync("update public.sync_progress set processed_count = 10 where org_id = $1 and sync_id = 'eta-same'", orgId);
        await ExecuteAsync(
            "update public.sync_progress set waiting_until = now() - interval '1 minute' where org_id = $1 and sync_id = 'eta-same'",
            orgId);

        var (waitCount, _, _, _) = await ReadAsync(orgId, "eta-same");
        Assert.Equal(1, waitCount);
    }

    [Fact]
    public async Task WaitCounters_WrittenByAClient_AreRecomputed()
    {
        var orgId = TestDatabase.NewOrgId();
        await StartAsync(orgId, "eta-forged");

        await ExecuteAsync(
            "update public.sync_progress set wait_count = 40, waited_seconds = 1e6 where org_id = $1 and sync_id = 'eta-forged'",
            orgId);

        var (waitCount, waited, _, _) = await ReadAsync(orgId, "eta-forged");
        Assert.Equal(0, waitCount);
        Assert.Equal(0, waited);
    }

    private Task<int> StartAsync(string orgId, string syncId) => ExecuteAsync(
        """
        insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
        values ($1, $2, 'products', 10000, now() - interval '100 seconds')
        """, orgId, syncId);

    private async Task<(int WaitCount, double Waited, int? Eta, DateTimeOffset? WaitingUntil)> ReadAsync(string orgId, string syncId)
    {
        await using var command = DataSource.CreateCommand(
            "select wait_count, waited_seconds, eta_seconds, waiting_until from public.sync_progress where org_id = $1 and sync_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        command.Parameters.Add(new NpgsqlParameter { Value = syncId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }
}
