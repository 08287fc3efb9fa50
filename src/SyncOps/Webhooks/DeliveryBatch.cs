using Npgsql;
using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Webhooks;

/// <summary>
/// Claimed deliveries, locked by an open transaction until <see cref="CompleteAsync"/> records their outcomes. Part of
/// <see cref="WebhookDeliveries"/>, the table's owner.
/// </summary>
public sealed class DeliveryBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    internal DeliveryBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<QueuedDelivery> items)
    {
        _connection = connection;
        _transaction = transaction;
        Items = items;
    }

    public IReadOnlyList<QueuedDelivery> Items { get; }

    public async Task CompleteAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        await using var command = new NpgsqlCommand(
            """
            update public.webhook_deliveries d
            set status = u.status, error = u.error, applied_at = now()
            from unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) as u(org_id, id, status, error)
            where d.org_id = u.org_id and d.id = u.id
            """, _connection, _transaction);
        command.AddValues(
            SqlParameters.Typed(outcomes.Select(o => o.Delivery.OrgId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            SqlParameters.Typed(outcomes.Select(o => o.Delivery.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
            SqlParameters.Typed(outcomes.Select(o => o.Status).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            SqlParameters.Typed(outcomes.Select(o => o.Error).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
