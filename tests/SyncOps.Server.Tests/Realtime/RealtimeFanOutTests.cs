using SyncOps.Server.Realtime;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Realtime;

/// <summary>
/// The shared fan-out: subscribers whom row-level security treats alike share one decision and one encoded frame, and
/// that sharing never carries a row to someone of another organisation.
/// </summary>
public sealed class RealtimeFanOutTests : ServerTest
{
    [Fact]
    public async Task TwoOrganisations_EachSubscriberGetsOnlyItsOwnRows_SharedGroupsIncluded()
    {
        var a = NewOrgId();
        var b = NewOrgId();
        var (_, tokenA1) = await CreateUserAsync(a);
        var (_, tokenA2) = await CreateUserAsync(a); // same organisations as A1: one group, one decision
        var (_, tokenB) = await CreateUserAsync(b);
        var (bothUser, tokenBoth) = await CreateUserAsync(a);
        await ExecuteAsync("insert into public.organization_members (user_id, org_id) values ($1, $2)", bothUser, b);
        var sockets = new List<RealtimeSocket>();
        try
        {
            foreach (var token in new[] { tokenA1, tokenA2, tokenB, tokenBoth })
            {
                var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
                sockets.Add(socket);
                await socket.JoinAsync("realtime:syncs", token, [("INSERT", "sync_progress", null)]);
                Assert.Equal("ok", (await socket.ReceiveAsync()).Status);
            }

            // Interleaved, so a row leaking to the wrong organisation would arrive before the next expected one.
            foreach (var (org, sync) in new[] { (a, "a-1"), (b, "b-1"), (a, "a-2"), (b, "b-2") })
            {
                await InsertSyncAsync(org, sync);
            }

            var expected = new[] { ["a-1", "a-2"], ["a-1", "a-2"], ["b-1", "b-2"], new[] { "a-1", "b-1", "a-2", "b-2" } };
            for (var i = 0; i < sockets.Count; i++)
            {
                var received = new List<string>();
                foreach (var _ in expected[i])
                {
                    received.Add((await sockets[i].ReceiveAsync()).Payload["data"]!["record"]!["sync_id"]!.GetValue<string>());
                }

                Assert.Equal(expected[i], received);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task BurstOfProgressUpdates_Coalesced_FirstAndLatestDelivered_NothingInBetween()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.JoinAsync("realtime:burst", token, [("*", "sync_progress", null)]);
        Assert.Equal("ok", (await socket.ReceiveAsync()).Status);
        await InsertSyncAsync(org, "burst");
        Assert.Equal("INSERT", (await socket.ReceiveAsync()).Payload["data"]!["type"]!.GetValue<string>());

        // 30 reports in one commit: the log hands them over together, so the coalescer sees them as one burst however
        // slow the machine is. The first goes out at once; the latest waits out the interval and replaces the rest.
        await using (var connection = await Server.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var processed = 1; processed <= 30; processed++)
            {
                await using var update = new Npgsql.NpgsqlCommand(
                    "update public.sync_progress set processed_count = $1 where org_id = $2 and sync_id = 'burst'", connection, transaction);
                update.Parameters.AddWithValue(processed);
                update.Parameters.AddWithValue(org);
                await update.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var first = await socket.ReceiveAsync();
        var latest = await socket.ReceiveAsync();
        await InsertSyncAsync(org, "after-the-burst");
        var next = await socket.ReceiveAsync();

        Assert.Equal(("UPDATE", "1"), (first.Payload["data"]!["type"]!.GetValue<string>(), Processed(first)));
        Assert.Equal(("UPDATE", "30"), (latest.Payload["data"]!["type"]!.GetValue<string>(), Processed(latest)));
        Assert.Equal("after-the-burst", next.Payload["data"]!["record"]!["sync_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task InsertOfAnotherTable_NotCoalesced_EveryChangeDelivered()
    {
        var org = NewOrgId();
        var (_, token) = await CreateUserAsync(org);
        await using var socket = await RealtimeSocket.ConnectAsync(Server, Server.Issuer.AnonKey());
        await socket.JoinAsync("realtime:inserts", token, [("INSERT", "sync_progress", null)]);
        Assert.Equal("ok", (await socket.ReceiveAsync()).Status);

        for (var i = 0; i < 5; i++)
        {
            await InsertSyncAsync(org, $"insert-{i}");
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"insert-{i}", (await socket.ReceiveAsync()).Payload["data"]!["record"]!["sync_id"]!.GetValue<string>());
        }
    }

    private static string Processed(RealtimeFrame frame) => frame.Payload["data"]!["record"]!["processed_count"]!.GetValue<string>();

    [Fact]
    public async Task MembershipPolicyAsPostgresDeparsesIt_Recognised_AnythingAddedToIt_NotShared()
    {
        var policies = new TablePolicies(Server.DataSource, TimeProvider.System);

        var policy = await policies.GetAsync("public", "sync_progress", "authenticated", CancellationToken.None);

        Assert.False(policy.Unrestricted);
        Assert.Equal("syncops_auth.org_ids", MembershipPolicy.OrgIdsFunction(policy.Condition));
        Assert.Null(MembershipPolicy.OrgIdsFunction(policy.Condition + " or (owner_id = auth.uid())"));
        Assert.Null(MembershipPolicy.OrgIdsFunction("(owner_id = auth.uid())"));
    }
}
