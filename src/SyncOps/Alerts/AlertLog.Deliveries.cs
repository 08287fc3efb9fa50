using Npgsql;
using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Alerts;

public sealed partial class AlertLog
{
    private const string DeliveryColumns =
        """
        d.id, d.org_id, d.channel_id, d.rule_id, d.incident_id, d.kind, r.condition, d.subject, d.message, d.status,
        d.attempts, d.response_status, d.last_error, d.created_at, d.delivered_at
        from public.alert_deliveries d
        left join public.alert_rules r on r.org_id = d.org_id and r.id = d.rule_id
        """;

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/> (or only the one given by
    /// <paramref name="orgId"/> and <paramref name="id"/>) whose channel was encrypted with <paramref name="keyId"/>,
    /// with <c>FOR UPDATE SKIP LOCKED</c>, sends each through
    /// <paramref name="send"/> and records its outcome, then commits. Returns the deliveries as they ended.
    /// </summary>
    public async Task<IReadOnlyList<AlertDelivery>> SendPendingAsync(
        DateTimeOffset now, int limit, string keyId, Func<AlertDelivery, Task<DeliveryOutcome>> send, CancellationToken cancellationToken,
        string? orgId = null, long? id = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<AlertDelivery> due;
        await using (var claim = new NpgsqlCommand(
            "select " + DeliveryColumns +
            """
             where d.status = 'pending' and ($3::bigint is null and d.next_attempt_at <= $1 or d.org_id = $4 and d.id = $3)
              and exists (select from public.alert_channels c where c.org_id = d.org_id and c.id = d.channel_id and c.key_id = $5)
            order by d.next_attempt_at, d.id limit $2 for update of d skip locked
            """, connection))
        {
            claim.AddValues(now, limit, SqlParameters.Typed(id, NpgsqlDbType.Bigint), SqlParameters.Typed(orgId, NpgsqlDbType.Text), keyId);
            due = await claim.ReadAllAsync(Read, cancellationToken);
        }

        var ended = new List<AlertDelivery>();
        foreach (var delivery in due)
        {
            var outcome = await send(delivery);
            // Once sent, the outcome is recorded even when the host is stopping: a delivered message must not go again.
            await using var update = new NpgsqlCommand(
                """
                update public.alert_deliveries
                set status = $3, attempts = attempts + $4, response_status = $5, last_error = $6, next_attempt_at = $7,
                    delivered_at = case when $3 = 'delivered' then $8 end
                where org_id = $1 and id = $2
                """, connection);
            update.AddValues(delivery.OrgId, delivery.Id, outcome.Status, outcome.Attempts,
                SqlParameters.Typed(outcome.ResponseStatus, NpgsqlDbType.Integer), SqlParameters.Typed(outcome.Error, NpgsqlDbType.Text),
                outcome.NextAttemptAt, now);
            await update.ExecuteNonQueryAsync(CancellationToken.None);
            ended.Add(delivery with
            {
                Status = outcome.Status,
                Attempts = delivery.Attempts + outcome.Attempts,
                ResponseStatus = outcome.ResponseStatus,
                LastError = outcome.Error,
                DeliveredAt = outcome.Status == "delivered" ? now : null,
            });
        }

        await transaction.CommitAsync(CancellationToken.None);
        return ended;
    }

    /// <summary>Queues a test message to a rule's channel and returns its id (the sender delivers it at once).</summary>
    public async Task<long> AddTestAsync(string orgId, Guid ruleId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into public.alert_deliveries (org_id, channel_id, kind, subject, message, next_attempt_at, created_at)
            select r.org_id, r.channel_id, 'test', 'test',
                   format('[SyncOps] %s: test message for the %s alert %s; if you read this, alerts reach you.', r.org_id,
                          replace(r.condition, '_', ' '), r.id),
                   $3, $3
            from public.alert_rules r where r.org_id = $1 and r.id = $2
            returning id
            """);
        command.AddValues(orgId, ruleId, now);
        var ids = await command.ReadAllAsync(r => r.GetInt64(0), cancellationToken);
        return ids.Count == 1 ? ids[0] : throw AlertRules.NotFound(orgId, ruleId);
    }

    /// <summary>The organisation's alert log, newest first.</summary>
    public async Task<IReadOnlyList<AlertDelivery>> DeliveriesAsync(string orgId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select " + DeliveryColumns + " where d.org_id = $1 order by d.created_at desc, d.id desc limit $2");
        command.AddValues(orgId, limit);
        return await command.ReadAllAsync(Read, cancellationToken);
    }

    private static AlertDelivery Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.IsDBNull(4) ? null : r.GetInt64(4),
        r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9),
        r.GetInt32(10), r.IsDBNull(11) ? null : r.GetInt32(11), r.IsDBNull(12) ? null : r.GetString(12),
        r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14));
}
