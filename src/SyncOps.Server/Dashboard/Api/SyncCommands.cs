using System.Text.Json.Serialization;
using Npgsql;
using SyncOps.Engine;
using SyncOps.Server.Dashboard.Users;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// What the dashboard changes: cancel a running sync, queue a sync (<c>POST /api/syncs</c>, issue 4), preview a sync and
/// apply a preview. Each first proves, as the user through RLS, that the sync or connection belongs to one of the
/// user's organisations; then the library does the work as the server, exactly as the CLI would.
/// </summary>
internal static class SyncCommands
{
    internal sealed record StartRequest(
        [property: JsonPropertyName("connection_id")] Guid ConnectionId,
        [property: JsonPropertyName("entity")] string? Entity,
        [property: JsonPropertyName("full")] bool Full);

    internal sealed record ApplyRequest(
        [property: JsonPropertyName("org_id")] string? OrgId,
        [property: JsonPropertyName("cache_key")] string? CacheKey);

    public static async Task<IResult> CancelAsync(
        string org, string syncId, HttpContext context, UserDatabase database, SyncTracker tracker)
    {
        var user = SignInFilter.UserOf(context);
        // The user's organisations decide what they may see (as RLS would); the row is read through its owner.
        var status = (await database.OrgIdsAsync(user, context.RequestAborted)).Contains(org)
            ? await tracker.GetStatusAsync(org, syncId, context.RequestAborted) : null;
        if (status is null)
        {
            return ApiResults.NotFound($"no sync {syncId} in organisation {org}");
        }

        if (status != SyncStatus.Running)
        {
            return ApiResults.Conflict($"sync {syncId} is already {status}");
        }

        // The engine's watcher sees the row cancelled and stops the run within its poll interval.
        var row = await tracker.CancelAsync(org, syncId, $"cancelled from the dashboard by {user.UserId}", context.RequestAborted);
        return TypedResults.Ok(new { sync_id = row.SyncId, status = row.Status });
    }

    public static async Task<IResult> StartAsync(StartRequest body, HttpContext context, UserDatabase database, SyncJobs jobs)
    {
        var user = SignInFilter.UserOf(context);
        if (await ConnectionOrgAsync(user, database, body.ConnectionId, context.RequestAborted) is not { } org)
        {
            return ApiResults.NotFound($"no connection {body.ConnectionId} in your organisations");
        }

        try
        {
            var job = await jobs.EnqueueAsync(org, body.ConnectionId, body.Entity ?? "", body.Full, user.UserId, context.RequestAborted);
            return TypedResults.Json(new { job_id = job.Id, org_id = job.OrgId, entity = job.Entity, status = job.Status },
                statusCode: StatusCodes.Status202Accepted);
        }
        catch (SyncOpsException e)
        {
            return ApiResults.BadRequest(e.Message);
        }
    }

    public static async Task<IResult> PreviewAsync(StartRequest body, HttpContext context, UserDatabase database, SyncEngine engine)
    {
        var user = SignInFilter.UserOf(context);
        if (await ConnectionOrgAsync(user, database, body.ConnectionId, context.RequestAborted) is not { } org)
        {
            return ApiResults.NotFound($"no connection {body.ConnectionId} in your organisations");
        }

        try
        {
            var preview = await engine.PreviewAsync(new SyncRequest(org, body.ConnectionId, body.Entity ?? "", body.Full, user.UserId), context.RequestAborted);
            return TypedResults.Ok(new
            {
                org_id = org,
                cache_key = preview.CacheKey,
                entity = preview.Entity,
                to_create = preview.ToCreate,
                to_update = preview.ToUpdate,
                unchanged = preview.Unchanged,
                failed = preview.Failed,
                sample_create = preview.SampleCreate,
                sample_update = preview.SampleUpdate,
                expires_at = preview.ExpiresAt,
            });
        }
        catch (SyncOpsException e)
        {
            return ApiResults.BadRequest(e.Message);
        }
    }

    public static async Task<IResult> ApplyAsync(ApplyRequest body, HttpContext context, UserDatabase database, SyncEngine engine)
    {
        var user = SignInFilter.UserOf(context);
        if (body.OrgId is null || body.CacheKey is null || !(await database.OrgIdsAsync(user, context.RequestAborted)).Contains(body.OrgId))
        {
            return ApiResults.NotFound("no such preview in your organisations");
        }

        try
        {
            var result = await engine.ApplyAsync(body.OrgId, body.CacheKey, user.UserId, context.RequestAborted);
            return TypedResults.Ok(new
            {
                sync_id = result.SyncId, status = result.Status, processed = result.Processed, failed = result.Failed,
                created = result.Created, updated = result.Updated, skipped = result.Skipped,
            });
        }
        catch (SyncOpsException e)
        {
            return ApiResults.BadRequest(e.Message);
        }
    }

    /// <summary>The connection's organisation when the user may see it (RLS on connections), else null.</summary>
    private static Task<string?> ConnectionOrgAsync(DashboardUser user, UserDatabase database, Guid connectionId, CancellationToken ct) =>
        database.JsonAsync(user, "select org_id from public.connections where id = $1", ct,
            new NpgsqlParameter { Value = connectionId });
}
