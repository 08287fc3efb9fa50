using System.Text.Json;
using SyncOps.Database;

namespace SyncOps.Connections;

public sealed partial class ConnectionStore
{
    /// <summary>
    /// Points an existing connection at a new address with new credentials (encrypted under the current key), keeping
    /// its id, and with it its checkpoints, schedules, jobs and rows: a store that moved, or the demo's simulated stores
    /// that listen on a new port on every run.
    /// </summary>
    public async Task<Connection> RebindAsync(
        string orgId, Guid id, string baseUrl, ConnectionSecrets secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new SyncOpsException($"\"{baseUrl}\" is not an http(s) URL");
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, string?> { ["key"] = secrets.Key, ["secret"] = secrets.Secret });
        await using var command = dataSource.CreateCommand(
            "update public.connections set base_url = $3, secret_ciphertext = $4, updated_at = now() where org_id = $1 and id = $2");
        command.AddValues(orgId, id, baseUrl.TrimEnd('/'), protector.Protect(json, id));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new SyncOpsException($"connection {id} does not exist in organisation \"{orgId}\"");
        }

        return await GetAsync(id, orgId, cancellationToken);
    }
}
