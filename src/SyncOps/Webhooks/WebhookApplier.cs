using System.Text.Json;
using Microsoft.Extensions.Logging;
using SyncOps.Connectors;
using SyncOps.Connectors.WooCommerce;
using SyncOps.Engine;

namespace SyncOps.Webhooks;

/// <summary>
/// Applies queued WooCommerce deliveries through the engine's <see cref="RecordWriter"/> (the canonical tables' one
/// owner): payloads are mapped by the same mapper as a pull (a webhook body is the REST v3 resource, WC_Webhook
/// get_wp_api_payload), batched per connection and entity. Applying twice changes nothing (content hash and
/// source-clock guards), so a batch interrupted before its outcomes are recorded is simply applied again.
/// </summary>
public sealed partial class WebhookApplier(WebhookDeliveries deliveries, RecordWriter writer, ILogger<WebhookApplier> logger)
{
    /// <summary>What <c>last_sync_id</c> says on rows a webhook wrote.</summary>
    public const string WriterName = "webhook";

    public int BatchSize { get; init; } = 500;

    /// <summary>Applies one batch of queued deliveries; returns how many it took (0: the queue was empty).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var batch = await deliveries.ClaimAsync(BatchSize, cancellationToken);
        if (batch.Items.Count == 0)
        {
            return 0;
        }

        var outcomes = new List<DeliveryOutcome>(batch.Items.Count);
        foreach (var group in batch.Items.GroupBy(d => (d.OrgId, d.ConnectionId, d.Entity)))
        {
            var target = new WriteTarget(group.Key.OrgId, "woocommerce", group.Key.ConnectionId, group.Key.Entity, WriterName, null);
            outcomes.AddRange(await ApplyAsync(target, [.. group], cancellationToken));
        }

        await batch.CompleteAsync(outcomes, cancellationToken);
        foreach (var failed in outcomes.Where(o => o.Status == DeliveryOutcome.Failed))
        {
            LogFailed(logger, failed.Delivery.Id, failed.Delivery.ConnectionId, failed.Error ?? "");
        }

        return batch.Items.Count;
    }

    private async Task<List<DeliveryOutcome>> ApplyAsync(WriteTarget target, List<QueuedDelivery> group, CancellationToken cancellationToken)
    {
        var outcomes = new List<DeliveryOutcome>();
        var upserts = new List<(QueuedDelivery Delivery, CanonicalRecord Record)>();
        var deletions = new List<(QueuedDelivery Delivery, string ExternalId)>();
        foreach (var delivery in group)
        {
            switch (Read(delivery))
            {
                case { Error: { } error }:
                    outcomes.Add(new DeliveryOutcome(delivery, DeliveryOutcome.Failed, error));
                    break;
                case { Record: { } record }:
                    upserts.Add((delivery, record));
                    break;
                case { ExternalId: { } id }:
                    deletions.Add((delivery, id));
                    break;
            }
        }

        // Per record, only the newest payload by the store's clock can win; older copies in this batch are ignored.
        var newest = upserts.GroupBy(u => u.Record.ExternalId)
            .Select(g => g.OrderBy(u => u.Record.SourceUpdatedAt).ThenBy(u => u.Delivery.ReceivedAt).ThenBy(u => u.Delivery.Id).Last())
            .ToList();
        var result = await writer.ApplyPushedAsync(target, [.. newest.Select(u => u.Record)],
            [.. deletions.Select(d => (d.ExternalId, d.Delivery.ReceivedAt))], cancellationToken);
        outcomes.AddRange(upserts.Select(u => new DeliveryOutcome(u.Delivery,
            newest.Contains(u) && result.Written.Contains(u.Record.ExternalId) ? DeliveryOutcome.Applied : DeliveryOutcome.Ignored)));
        outcomes.AddRange(deletions.Select(d => new DeliveryOutcome(d.Delivery,
            result.Deleted.Contains(d.ExternalId) ? DeliveryOutcome.Applied : DeliveryOutcome.Ignored)));
        return outcomes;
    }

    /// <summary>A deletion's id, an upsert's mapped record, or why the body cannot be applied.</summary>
    private static SourceItem Read(QueuedDelivery delivery)
    {
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var root = document.RootElement;
            if (delivery.Event == "deleted")
            {
                return new SourceItem(JsonValues.Id(root), null, null);
            }

            return WooCommerceMapper.Map(delivery.Entity, root.Clone());
        }
        catch (JsonException e)
        {
            return SourceItem.Failed(null, $"the body is not JSON: {e.Message}");
        }
        catch (MappingException e)
        {
            return SourceItem.Failed(null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook delivery {Delivery} for connection {Connection} not applied: {Error}")]
    private static partial void LogFailed(ILogger logger, long delivery, Guid connection, string error);
}
