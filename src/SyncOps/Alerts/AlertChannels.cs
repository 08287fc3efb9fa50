using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using SyncOps.Connections;
using SyncOps.Database;

namespace SyncOps.Alerts;

/// <summary>
/// The owner of <c>alert_channels</c>. The URL and the signing secret are encrypted with the connections' key
/// (<see cref="SecretProtector"/>, the channel id as associated data) before they reach the table, and decrypted only
/// for the sender.
/// </summary>
public sealed class AlertChannels(NpgsqlDataSource dataSource, SecretProtector protector)
{
    /// <summary>The key this process decrypts with: the sender claims only deliveries of channels it encrypted.</summary>
    public string KeyId => protector.KeyId;

    public const string Webhook = "webhook";
    public const string Slack = "slack";

    private const string Columns = "id, org_id, kind, name, url_host, created_at";

    /// <summary>Adds a channel and returns it with the signing secret in use (generated when none was given).</summary>
    public async Task<(AlertChannel Channel, string? Secret)> AddAsync(NewAlertChannel request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is not (Webhook or Slack))
        {
            throw new SyncOpsException($"unknown channel \"{request.Kind}\": use {Webhook} or {Slack}");
        }

        var url = CheckUrl(request.Url);
        var secret = request.Kind == Slack ? null
            : string.IsNullOrEmpty(request.Secret) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : request.Secret;
        if (secret is { Length: < 16 })
        {
            throw new SyncOpsException("a webhook signing secret needs at least 16 characters");
        }

        var id = Guid.NewGuid();
        var target = JsonSerializer.Serialize(new Dictionary<string, string?> { ["url"] = url.AbsoluteUri, ["secret"] = secret });
        await using var command = dataSource.CreateCommand(
            $"""
            insert into public.alert_channels (org_id, id, kind, name, url_host, target_ciphertext, key_id)
            values ($1, $2, $3, $4, $5, $6, $7)
            returning {Columns}
            """);
        command.AddValues(request.OrgId, id, request.Kind, request.Name ?? $"{request.Kind} {url.Host}", url.Host, protector.Protect(target, id),
            protector.KeyId);
        return ((await ReadAsync(command, cancellationToken))[0], secret);
    }

    public async Task<IReadOnlyList<AlertChannel>> ListAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from public.alert_channels where org_id = $1 order by created_at, id");
        command.AddValues(orgId);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The decrypted URL and secret of a channel, for the sender only.</summary>
    public async Task<AlertTarget> GetTargetAsync(string orgId, Guid channelId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select kind, target_ciphertext from public.alert_channels where org_id = $1 and id = $2");
        command.AddValues(orgId, channelId);
        var rows = await command.ReadAllAsync(r => (Kind: r.GetString(0), Data: (byte[])r.GetValue(1)), cancellationToken);
        if (rows.Count != 1)
        {
            throw new SyncOpsException($"alert channel {channelId} does not exist in organisation \"{orgId}\"");
        }

        using var document = JsonDocument.Parse(protector.Unprotect(rows[0].Data, channelId));
        var root = document.RootElement;
        return new AlertTarget(rows[0].Kind, new Uri(root.GetProperty("url").GetString()!), root.GetProperty("secret").GetString());
    }

    /// <summary>Removes a channel no rule uses any more (its past deliveries go with it); true when removed.</summary>
    public async Task<bool> RemoveIfUnusedAsync(string orgId, Guid channelId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            delete from public.alert_channels c where c.org_id = $1 and c.id = $2
              and not exists (select from public.alert_rules r where r.org_id = c.org_id and r.channel_id = c.id)
            """);
        command.AddValues(orgId, channelId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// HTTPS only, since the messages name an organisation's systems and carry a signature; plain HTTP is accepted for
    /// loopback hosts alone (a receiver on the same machine, and tests).
    /// </summary>
    internal static Uri CheckUrl(string? text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new SyncOpsException($"\"{text}\" is not an https:// URL");
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            throw new SyncOpsException($"\"{url.GetLeftPart(UriPartial.Authority)}\" is not https: alert channels need https (plain http only to localhost)");
        }

        return url;
    }

    private static Task<List<AlertChannel>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            r => new AlertChannel(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)),
            cancellationToken);
}
