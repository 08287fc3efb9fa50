using Npgsql;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>PostgreSQL errors to PostgREST's error body and HTTP status (protocol reference §7.2, Error.hs mapSQLtoHTTP).</summary>
internal static class PostgresErrorMapping
{
    public static PostgrestError ToError(PostgresException e, bool anonymous) =>
        e is { SqlState: "PT406", MessageText: "PGRST116" }
            // raised by syncops_rest.require_singular (migration 0011) under .single()
            ? PostgrestError.NotSingular(e.Detail ?? "")
            : new(e.SqlState, e.Detail, e.Hint, e.MessageText) { Status = Status(e.SqlState, e.MessageText, anonymous) };

    public static int Status(string sqlState, string message, bool anonymous)
    {
        if (sqlState.Length == 5 && sqlState.StartsWith("PT", StringComparison.Ordinal)
            && int.TryParse(sqlState.AsSpan(2), out var custom))
        {
            return custom; // RAISE ... USING ERRCODE = 'PT409' gives 409
        }

        return sqlState switch
        {
            "42501" => anonymous ? 401 : 403,
            "21000" => message.EndsWith("requires a WHERE clause", StringComparison.Ordinal) ? 400 : 500,
            "22023" => message.StartsWith("role \"", StringComparison.Ordinal) && message.EndsWith("does not exist", StringComparison.Ordinal) ? 401 : 400,
            "23503" or "23505" => 409,
            "25006" => 405,
            "42883" => 404,
            "42P01" => 404,
            "42P17" => 500,
            "53400" => 500,
            "57P01" => 503,
            "P0001" => 400,
            _ => ByClass(sqlState[..2]),
        };
    }

    private static int ByClass(string sqlClass) => sqlClass switch
    {
        "08" or "53" => 503,
        "09" or "25" or "2D" or "38" or "39" or "3B" or "40" or "54" or "55" or "57" or "58" or "F0" or "HV" or "XX" or "P0" => 500,
        "0L" or "0P" or "28" => 403,
        _ => 400,
    };
}
