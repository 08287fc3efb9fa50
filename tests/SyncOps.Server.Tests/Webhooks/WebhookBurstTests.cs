using System.Collections.Concurrent;

namespace SyncOps.Server.Tests.Webhooks;

/// <summary>A store's burst of deliveries (a bulk edit sends one per record) is all accepted, and every record ends newest.</summary>
public sealed class WebhookBurstTests : WebhookTest
{
    [Fact]
    public async Task Burst_1000DeliveriesOutOfOrder_AllAcceptedAndEachRecordEndsAtItsNewestRevision()
    {
        var (org, connection, secret) = await NewWebhookConnectionAsync();
        var start = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        // 250 customers with 4 revisions each, shuffled so that older revisions often arrive after newer ones.
        var deliveries = (from id in Enumerable.Range(1000, 250)
                          from revision in Enumerable.Range(0, 4)
                          select (Id: id, Revision: revision)).ToList();
        new Random(12).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));
        var statuses = new ConcurrentBag<int>();

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (d, _) =>
        {
            var response = await DeliverAsync(connection, secret, d.Revision == 0 ? "customer.created" : "customer.updated",
                Customer(d.Id, $"c{d.Id}-r{d.Revision}@example.com", start.AddMinutes(d.Revision)));
            statuses.Add(response.Status);
        });
        await ApplyAllAsync(org);

        Assert.Equal(1000, statuses.Count(s => s == 200));
        Assert.Equal(1000L, await ScalarAsync<long>("select count(*) from public.webhook_deliveries where org_id = $1 and status <> 'queued'", org));
        Assert.Equal(250L, await ScalarAsync<long>("select count(*) from public.customers where org_id = $1", org));
        Assert.Equal(0L, await ScalarAsync<long>(
            "select count(*) from public.customers where org_id = $1 and email <> 'c' || external_id || '-r3@example.com'", org));
    }
}
