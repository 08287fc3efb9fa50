using SyncOps.Server.Dashboard.Users;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Live;

/// <summary>
/// <c>GET /api/live</c>: server-sent events for the signed-in user's organisations. Every (re)connection starts with a
/// <c>snapshot</c> event (active syncs and those ended in the last hour, read as the user through RLS), so a browser
/// whose connection dropped catches up whatever it missed, then <c>sync</c> events as syncs change.
/// </summary>
internal static class LiveEndpoints
{
    /// <summary>Maps <c>/live</c> on the signed-in route group (<see cref="SignInFilter"/>).</summary>
    public static RouteGroupBuilder MapLive(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/live", StreamAsync);
        return signedIn;
    }

    private static async Task StreamAsync(HttpContext context, UserDatabase database, LiveHub hub, LiveOptions options)
    {
        var user = SignInFilter.UserOf(context);
        var ct = context.RequestAborted;
        using var subscriber = new LiveSubscriber(new HashSet<string>(await database.OrgIdsAsync(user, ct), StringComparer.Ordinal));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // Subscribe before reading the snapshot: a change committed in between is then sent twice, never lost.
        hub.Subscribe(subscriber);
        try
        {
            var snapshot = await database.JsonAsync(user, SyncDashboardQueries.Snapshot, ct);
            await context.Response.WriteAsync("retry: 1000\n", ct);
            await WriteEventAsync(context.Response, snapshot!, ct);
            while (!ct.IsCancellationRequested)
            {
                var frames = await subscriber.TakeAsync(options.KeepAlive, ct);
                if (frames is null)
                {
                    return; // fell too far behind: the browser reconnects (retry above) and starts from a snapshot
                }

                if (frames.Count == 0)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }

                // The hub encoded these once for the whole organisation; here they are only copied out, with one
                // flush per wake-up however many syncs changed.
                foreach (var chunk in frames)
                {
                    await context.Response.Body.WriteAsync(chunk, ct);
                }

                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the browser closed the page or lost the connection; it reconnects by itself and gets a new snapshot
        }
        finally
        {
            hub.Unsubscribe(subscriber);
        }
    }

    // JSON from PostgreSQL's json_build_object holds no raw newlines, so one data line carries it.
    private static async Task WriteEventAsync(HttpResponse response, string json, CancellationToken ct)
    {
        await response.WriteAsync("data: " + json + "\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
