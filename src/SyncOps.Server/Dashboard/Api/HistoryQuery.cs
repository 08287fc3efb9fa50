using Npgsql;
using NpgsqlTypes;
using SyncOps.Server.Dashboard.Users;
using SyncOps.Tracking;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/syncs</c>: recent syncs, newest first, filtered by status, entity, source and user (each optional), read
/// as the user. <c>before</c> (a started_at) pages back.
/// </summary>
internal static class HistoryQuery
{
    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database)
    {
        var user = SignInFilter.UserOf(context);
        var query = context.Request.Query;
        Guid? userFilter = null;
        if (query["user"].ToString() is { Length: > 0 } userText)
        {
            if (!Guid.TryParse(userText, out var parsed))
            {
                return ApiResults.BadRequest("user must be a user id (uuid)");
            }

            userFilter = parsed;
        }

        DateTimeOffset? before = DateTimeOffset.TryParse(query["before"], out var b) ? b : null;
        var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 500) : 100;
        return ApiResults.Json(await database.JsonAsync(user, SyncDashboardQueries.History, context.RequestAborted,
            Text(query["status"]), Text(query["entity"]), Text(query["source"]),
            new NpgsqlParameter { Value = (object?)userFilter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            limit));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = string.IsNullOrWhiteSpace(value) ? DBNull.Value : value, NpgsqlDbType = NpgsqlDbType.Text };
}
