using System.Text.Json;
using Npgsql;
using SyncOps.Database;

namespace SyncOps.Connections;

/// <summary>Adds, lists and reads connections. Secrets are encrypted on the way in and only decrypted for a connector.</summary>
public sealed partial class ConnectionStore(NpgsqlDataSource dataSource, SecretProtector protector)
{
    private const string Columns = "id, org_id, source_system, name, base_url, database_name, login, created_at, odoo_protocol";

    public async Task<Connection> AddAsync(NewConnection request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SourceSystem is not ("woocommerce" or "odoo"))
        {
            throw new SyncOpsException($"unknown source \"{request.SourceSystem}\": use woocommerce or odoo");
        }

        if (!Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new SyncOpsException($"\"{request.BaseUrl}\" is not an http(s) URL");
        }

        if (request.SourceSystem == "woocommerce" && string.IsNullOrEmpty(request.Secrets.Key))
        {
            throw new SyncOpsException("a WooCommerce connection needs --key (consumer key) and --secret (consumer secret)");
        }

        if (request.SourceSystem == "odoo" && (string.IsNullOrEmpty(request.DatabaseName) || string.IsNullOrEmpty(request.Login)))
        {
            throw new SyncOpsException("an Odoo connection needs --db and --user");
        }

        if (request.OdooProtocol is { } protocol && (request.SourceSystem != "odoo" || protocol is not ("jsonrpc" or "json2")))
        {
            throw new SyncOpsException($"protocol \"{protocol}\" is not one of an Odoo connection's: jsonrpc (Odoo 14-18) or json2 (Odoo 19+)");
        }

        var id = Guid.NewGuid();
        var secrets = JsonSerializer.Serialize(new Dictionary<string, string?> { ["key"] = request.Secrets.Key, ["secret"] = request.Secrets.Secret });
        await using var command = dataSource.CreateCommand(
            $"""
            insert into public.connections (id, org_id, source_system, name, base_url, database_name, login, secret_ciphertext, odoo_protocol)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            returning {Columns}
            """);
        command.AddValues(id, request.OrgId, request.SourceSystem, request.Name ?? url.Host,
            request.BaseUrl.TrimEnd('/'), (object?)request.DatabaseName ?? DBNull.Value, (object?)request.Login ?? DBNull.Value,
            protector.Protect(secrets, id), (object?)request.OdooProtocol ?? DBNull.Value);
        return (await ReadAsync(command, cancellationToken))[0];
    }

    public async Task<IReadOnlyList<Connection>> ListAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from public.connections where org_id = $1 order by created_at");
        command.AddValues(orgId);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The connection, or an error naming the id when it does not exist (in that organisation, when given).</summary>
    public async Task<Connection> GetAsync(Guid id, string? orgId = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from public.connections where id = $1 and ($2::text is null or org_id = $2)");
        command.AddValues(id, SqlParameters.Typed(orgId, NpgsqlTypes.NpgsqlDbType.Text));
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new SyncOpsException($"connection {id} does not exist" + (orgId is null ? "" : $" in organisation \"{orgId}\""));
    }

    /// <summary>The decrypted credentials, for a connector only.</summary>
    public async Task<ConnectionSecrets> GetSecretsAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = dataSource.CreateCommand("select secret_ciphertext from public.connections where id = $1");
        command.AddValues(connection.Id);
        var data = (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
        using var document = JsonDocument.Parse(protector.Unprotect(data, connection.Id));
        var root = document.RootElement;
        return new ConnectionSecrets(root.GetProperty("key").GetString(), root.GetProperty("secret").GetString()!);
    }

    private static Task<List<Connection>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            r => new Connection(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7),
                r.IsDBNull(8) ? null : r.GetString(8)),
            cancellationToken);
}
