using SyncOps.Server.Dashboard.Users;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/trends/daily?days=7|30|90</c>: per day, entity and source, the syncs started, the records they processed,
/// their failures (failed or timed out) and the median and 95th percentile duration of the ended ones, over the user's
/// organisations (row-level security decides which), for the dashboard's trends chart.
/// </summary>
internal static class DailyTrendsQuery
{
    /// <summary>The periods the dashboard offers; any other value is a 400, not a silently different chart.</summary>
    private static readonly int[] s_periods = [7, 30, 90];

    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database)
    {
        var text = context.Request.Query["days"].ToString();
        if (!int.TryParse(text, out var days) || !s_periods.Contains(days))
        {
            return ApiResults.BadRequest($"days must be 7, 30 or 90, not '{text}'");
        }

        return ApiResults.Json(await database.JsonAsync(SignInFilter.UserOf(context), SyncDashboardQueries.DailyTrends, context.RequestAborted, days));
    }
}
