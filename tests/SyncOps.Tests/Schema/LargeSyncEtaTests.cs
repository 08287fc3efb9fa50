using Npgsql;

namespace SyncOps.Tests.Schema;

/// <summary>
/// Syncs far beyond 35.8 M items (2^31 / 60): the trigger's speed and ETA arithmetic is 64-bit (migration 0061), so
/// their progress writes are accepted and computed, not rejected with "integer out of range".
/// </summary>
public sealed class LargeSyncEtaTests : DatabaseTest
{
    [Fact]
    public async Task Trigger_HundredMillionItems_ProgressAcceptedWithSpeedAndEta()
    {
        var orgId = TestDatabase.NewOrgId();
        await ExecuteAsync(
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, total_items, started_at)
            values ($1, 'eta-100m', 'customers', 100000000, now() - interval '1000 seconds')
            """, orgId);

        await ExecuteAsync(
            "update public.sync_progress set processed_count = 40000000 where org_id = $1 and sync_id = 'eta-100m'", orgId);

        await using var command = DataSource.CreateCommand(
            "select speed_items_per_min, eta_seconds, status from public.sync_progress where org_id = $1 and sync_id = 'eta-100m'");
        command.Parameters.Add(new NpgsqlParameter { Value = orgId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        // 40 M items in about 1,000 s is about 2.4 M items/min; the remaining 60 M take about 1,500 s at that pace.
        Assert.InRange(reader.GetDecimal(0), 2_300_000m, 2_400_000m);
        Assert.InRange(reader.GetInt32(1), 1_400, 1_600);
        Assert.Equal("running", reader.GetString(2));
    }

    [Fact]
    public async Task EtaFunction_HundredMillionItemsFromTheAverage_Computes()
    {
        // No recent rate yet: remaining items over the average (1 M items in 100 working seconds), once an int4 product.
        var eta = await ScalarAsync<int>(
            "select public.sync_progress_eta_seconds('running', 100000000, 1000000, null, 100, 0, 0, null)");

        Assert.Equal(9_900, eta);
    }
}
