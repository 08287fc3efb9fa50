using Npgsql;
using NpgsqlTypes;
using SyncOps.Server.Dashboard.Live;
using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/syncs</c>: recent syncs, newest first, filtered by status, entity, source and user (each optional), read
/// as the user. <c>before</c> (a started_at) pages back.
/// </summary>
internal static class HistoryQuery
{
    private const string Sql =
        $"""
        select coalesce(json_agg(to_jsonb(r) order by r.started_at desc), '[]')::text
        from (select {SyncRowSql.Columns} from public.sync_progress p
              where ($1::text is null or p.status = $1)
                and ($2::text is null or p.entity_type = $2)
                and ($3::text is null or p.source_system = $3)
                and ($4::uuid is null or p.initiated_by = $4)
                and ($5::timestamptz is null or p.started_at < $5)
              order by p.started_at desc limit $6) r
        """;

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
        return ApiResults.Json(await database.JsonAsync(user, Sql, context.RequestAborted,
            Text(query["status"]), Text(query["entity"]), Text(query["source"]),
            new NpgsqlParameter { Value = (object?)userFilter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            limit));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = string.IsNullOrWhiteSpace(value) ? DBNull.Value : value, NpgsqlDbType = NpgsqlDbType.Text };
}
