using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using SyncOps.Database;

namespace SyncOps.Tracking;

/// <summary>The preview-delta cache of guide §4: one hour by default, replaced when cached again under the same key.</summary>
public sealed class PreviewCache(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    /// <summary>Stores the delta under the key of (syncType, filters) and returns that key.</summary>
    public async Task<string> CacheAsync(
        string orgId, string syncType, JsonObject? filters, JsonNode delta, Guid? computedBy,
        TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var key = PreviewCacheKey.Compute(syncType, filters);
        var expiresAt = timeProvider.GetUtcNow() + (timeToLive ?? DefaultTimeToLive);
        await using var command = dataSource.CreateCommand(
            """
            insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json, computed_by, expires_at)
            values ($1, $2, $3, $4, $5, $6)
            """);
        command.AddValues(orgId, syncType, key, SqlParameters.Typed(delta.ToJsonString(), NpgsqlDbType.Jsonb),
            SqlParameters.Typed(computedBy, NpgsqlDbType.Uuid), expiresAt);
        await SyncTracker.ExecuteAsync(() => command.ExecuteNonQueryAsync(cancellationToken));
        return key;
    }

    /// <summary>The cached delta, or null when there is none or it expired.</summary>
    public async Task<JsonNode?> GetAsync(string orgId, string cacheKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select delta_json::text from public.sync_preview_cache
            where org_id = $1 and cache_key = $2 and expires_at > now()
            """);
        command.AddValues(orgId, cacheKey);
        var json = await SyncTracker.ExecuteAsync(() => command.ExecuteScalarAsync(cancellationToken));
        return json is string text ? JsonNode.Parse(text) : null;
    }

    /// <summary>Deletes expired entries (what the guide's <c>auto_cleanup_preview_cache()</c> RPC does).</summary>
    public async Task<int> CleanupAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select public.auto_cleanup_preview_cache()::text");
        var result = await SyncTracker.ExecuteAsync(() => command.ExecuteScalarAsync(cancellationToken));
        using var document = JsonDocument.Parse((string)result!);
        return document.RootElement.GetProperty("deleted_count").GetInt32();
    }
}
