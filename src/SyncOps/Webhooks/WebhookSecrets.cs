using System.Security.Cryptography;
using Npgsql;
using SyncOps.Connections;
using SyncOps.Database;

namespace SyncOps.Webhooks;

/// <summary>
/// Owns <c>webhook_secrets</c>: one signing secret per WooCommerce connection, created on first use and encrypted with
/// the connections' key (<see cref="SecretProtector"/>, the row's own id as associated data).
/// </summary>
public sealed class WebhookSecrets(NpgsqlDataSource dataSource, SecretProtector protector)
{
    /// <summary>The connection's secret, created now when it has none (two callers at once get the same one).</summary>
    public async Task<WebhookEndpoint> GetOrCreateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.SourceSystem != "woocommerce")
        {
            throw new SyncOpsException($"connection {connection.Id} is {connection.SourceSystem}: only WooCommerce connections receive webhooks");
        }

        var id = Guid.NewGuid();
        // 32 random bytes as base64url: no '&', quotes or '<', which WooCommerce would HTML-decode before signing
        // (wp_specialchars_decode in WC_Webhook::generate_signature).
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using (var insert = dataSource.CreateCommand(
            """
            insert into public.webhook_secrets (org_id, connection_id, id, secret_ciphertext) values ($1, $2, $3, $4)
            on conflict (org_id, connection_id) do nothing
            """))
        {
            insert.AddValues(connection.OrgId, connection.Id, id, protector.Protect(secret, id));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(connection.Id, cancellationToken)
            ?? throw new SyncOpsException($"connection {connection.Id} was removed while its webhook secret was created");
    }

    /// <summary>The endpoint of a connection that has a webhook secret, else null (no such connection, or none created).</summary>
    public async Task<WebhookEndpoint?> FindAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select s.org_id, s.id, s.secret_ciphertext
            from public.connections c
            join public.webhook_secrets s on s.org_id = c.org_id and s.connection_id = c.id
            where c.id = $1
            """);
        command.AddValues(connectionId);
        var rows = await command.ReadAllAsync(r => (OrgId: r.GetString(0), Id: r.GetGuid(1), Data: r.GetFieldValue<byte[]>(2)), cancellationToken);
        return rows is [var row] ? new WebhookEndpoint(connectionId, row.OrgId, protector.Unprotect(row.Data, row.Id)) : null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
