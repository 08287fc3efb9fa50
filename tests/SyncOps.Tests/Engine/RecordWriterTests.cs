using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Engine;

/// <summary>
/// The writer's three paths (binary COPY for new rows, upsert for changed ones, nothing for unchanged ones), its
/// fallback when another transaction inserts a "new" row first, and the ordered commit of batches written at once.
/// </summary>
public sealed class RecordWriterTests : EngineTest
{
    private RecordWriter Writer => Services.GetRequiredService<RecordWriter>();

    private WriteTarget Target(string entity) => new(OrgId, "woocommerce", Guid.NewGuid(), entity, "sync-writer-test", null);

    /// <summary>A target whose connection exists, for writes that save a checkpoint (it references the connection).</summary>
    private async Task<WriteTarget> ConnectedTargetAsync() =>
        Target(SyncEntity.Customer) with { ConnectionId = (await AddWooAsync(await StartWooAsync(new SimulatorOptions { Customers = 1 }))).Id };

    [Fact]
    public async Task Write_NewChangedAndUnchanged_CopiesUpsertsAndSkips()
    {
        var target = Target(SyncEntity.Customer);
        await Writer.WriteAsync(target, [Customer("1", "a@example.com"), Customer("2", "b@example.com")], [], null, CancellationToken.None);

        var outcome = await Writer.WriteAsync(target,
            [Customer("1", "a@example.com"), Customer("2", "b2@example.com"), Customer("3", "c@example.com")], [], null, CancellationToken.None);

        Assert.Equal(new WriteOutcome(1, 1, 1, 0), outcome);
        Assert.Equal("a@example.com b2@example.com c@example.com",
            await ScalarAsync<string>("select string_agg(email, ' ' order by external_id) from public.customers where org_id = $1", OrgId));
        Assert.Equal("Ada", await ScalarAsync<string>("select raw ->> 'first_name' from public.customers where org_id = $1 and external_id = '3'", OrgId));
        Assert.Equal(1, await CountAsync("customers", "external_id = '1' and updated_at = created_at"));
    }

    [Fact]
    public async Task Write_NumericsTheClientCannotReadExactly_GoThroughPostgresCasts()
    {
        var target = Target(SyncEntity.Product);

        var outcome = await Writer.WriteAsync(target,
            [Product("1", "12.50", "7"), Product("2", "1e3", "8"), Product("3", "-0.125", null)], [], null, CancellationToken.None);

        Assert.Equal(new WriteOutcome(3, 0, 0, 0), outcome);
        Assert.Equal("12.5000|7 1000.0000|8 -0.1250|", await ScalarAsync<string>(
            "select string_agg(price::text || '|' || coalesce(stock_quantity::text, ''), ' ' order by external_id) from public.products where org_id = $1", OrgId));
    }

    [Fact]
    public async Task Write_RowInsertedMeanwhileByAnotherTransaction_FallsBackToTheUpsert()
    {
        var target = Target(SyncEntity.Customer);
        var release = new TaskCompletionSource();
        // The first write copies record 7 and then waits (uncommitted) for its turn to commit.
        var first = Writer.WriteAsync(target, [Customer("7", "first@example.com")], [], null, release.Task, false, CancellationToken.None);
        await WaitForCopyInTransactionAsync();

        // The second one's hash read cannot see record 7 yet, so it copies it too: the copy waits on the first
        // transaction's key, fails once it commits, and the record goes through the upsert instead.
        var second = Writer.WriteAsync(target, [Customer("7", "second@example.com")], [], null, CancellationToken.None);
        release.SetResult();

        Assert.Equal(new WriteOutcome(1, 0, 0, 0), await first);
        Assert.Equal(new WriteOutcome(0, 1, 0, 0), await second);
        Assert.Equal("second@example.com", await ScalarAsync<string>("select email from public.customers where org_id = $1 and external_id = '7'", OrgId));
    }

    [Fact]
    public async Task Write_AfterAnEarlierBatchFailed_RollsBackWithItsCheckpoint()
    {
        var target = await ConnectedTargetAsync();
        var checkpoint = new RunState("sync-writer-test", null, 400, DateTimeOffset.UnixEpoch, null);

        var failed = await Assert.ThrowsAsync<OperationCanceledException>(() => Writer.WriteAsync(target, [Customer("9", "x@example.com")], [],
            checkpoint, Task.FromException(new InvalidOperationException("batch 1 failed")), false, CancellationToken.None));

        Assert.Contains("earlier batch was not written", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("customers"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_checkpoints where org_id = $1", OrgId));
    }

    [Fact]
    public async Task Write_NothingToWriteWithALazyCheckpoint_LeavesTheCheckpointToALaterBatch()
    {
        var target = await ConnectedTargetAsync();
        await Writer.WriteAsync(target, [Customer("1", "a@example.com")], [], new RunState("s", null, 100, DateTimeOffset.UnixEpoch, null), CancellationToken.None);

        var unchanged = await Writer.WriteAsync(target, [Customer("1", "a@example.com")], [],
            new RunState("s", null, 200, DateTimeOffset.UnixEpoch, null), null, true, CancellationToken.None);
        Assert.Equal(new WriteOutcome(0, 0, 1, 0) { Checkpointed = false }, unchanged);
        Assert.Equal(100, await ScalarAsync<int>("select (run ->> 'offset')::int from public.sync_checkpoints where org_id = $1", OrgId));

        var changed = await Writer.WriteAsync(target, [Customer("1", "a2@example.com")], [],
            new RunState("s", null, 300, DateTimeOffset.UnixEpoch, null), null, true, CancellationToken.None);

        Assert.True(changed.Checkpointed);
        Assert.Equal(300, await ScalarAsync<int>("select (run ->> 'offset')::int from public.sync_checkpoints where org_id = $1", OrgId));
    }

    private async Task WaitForCopyInTransactionAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (await ScalarAsync<long>(
                "select count(*) from pg_stat_activity where datname = current_database() and state = 'idle in transaction' and query like 'copy public.customers%'") > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the first write never reached its commit");
    }

    private static CanonicalRecord Customer(string id, string email)
    {
        var raw = $$"""{"id":{{id}},"email":"{{email}}","first_name":"Ada"}""";
        return new CanonicalRecord(id, [email, "Ada", "Lovelace", "Ada Lovelace", null, null, "London", "GB"],
            DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), null, raw, SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
    }

    private static CanonicalRecord Product(string id, string price, string? stock)
    {
        var raw = $$"""{"id":{{id}},"price":"{{price}}"}""";
        return new CanonicalRecord(id, [null, "Widget " + id, "SKU-" + id, "simple", "publish", price, price, stock],
            null, null, raw, SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
    }
}
