using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Webhooks;

/// <summary>
/// Owns <c>webhook_deliveries</c>, the durable queue between the endpoint and the applier. A delivery is accepted once:
/// the same delivery id with the same body (a replay) is recognised by the table's unique key and not queued again.
/// </summary>
public sealed class WebhookDeliveries(NpgsqlDataSource dataSource)
{
    /// <summary>Queues the delivery; false when it is a replay of one already received.</summary>
    public async Task<bool> AcceptAsync(IncomingDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var command = dataSource.CreateCommand(
            """
            insert into public.webhook_deliveries
                (org_id, connection_id, delivery_id, body_sha256, webhook_id, topic, entity_type, event, body)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            on conflict (org_id, connection_id, delivery_id, body_sha256) do nothing
            """);
        command.AddValues(delivery.OrgId, delivery.ConnectionId, delivery.DeliveryId, SHA256.HashData(delivery.Body),
            SqlParameters.Typed(delivery.WebhookId, NpgsqlDbType.Text), delivery.Topic, delivery.Parsed.Entity, delivery.Parsed.Event,
            Encoding.UTF8.GetString(delivery.Body));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> queued deliveries, oldest first, skipping those another applier holds. The
    /// claim is a transaction: if the applier dies before <see cref="DeliveryBatch.CompleteAsync"/>, they stay queued.
    /// </summary>
    public async Task<DeliveryBatch> ClaimAsync(int limit, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                select org_id, id, connection_id, entity_type, event, body, received_at
                from public.webhook_deliveries
                where status = 'queued'
                order by received_at, id
                limit $1
                for update skip locked
                """, connection, transaction);
            command.AddValues(limit);
            var items = await command.ReadAllAsync(
                r => new QueuedDelivery(r.GetString(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5),
                    r.GetFieldValue<DateTimeOffset>(6)),
                cancellationToken);
            return new DeliveryBatch(connection, transaction, items);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes finished deliveries received before <paramref name="before"/>; replays older than that are queued again.</summary>
    public async Task<int> DeleteFinishedAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "delete from public.webhook_deliveries where status <> 'queued' and received_at < $1");
        command.AddValues(before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
