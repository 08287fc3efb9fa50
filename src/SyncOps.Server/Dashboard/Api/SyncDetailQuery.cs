using SyncOps.Server.Dashboard.Users;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/syncs/{org}/{syncId}</c>: one sync with its activity log entries, its item errors and its progress
/// samples (the chart), read as the user.
/// </summary>
internal static class SyncDetailQuery
{
    public static async Task<IResult> RunAsync(string org, string syncId, HttpContext context, UserDatabase database)
    {
        var user = SignInFilter.UserOf(context);
        var json = await database.JsonAsync(user, SyncDashboardQueries.Detail, context.RequestAborted, org, syncId);
        // RLS hides another organisation's sync entirely: the same answer as a sync that does not exist.
        return json is null
            ? ApiResults.NotFound($"no sync {syncId} in organisation {org}")
            : ApiResults.Json(json);
    }
}
