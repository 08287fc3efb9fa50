using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// <c>Prefer: handling=strict, max-affected=N</c> (supabase-js <c>.maxAffected(n)</c>): a write touching more than N
/// rows fails with PGRST124 and is rolled back. The statement raises the failure itself, inside the one implicit
/// transaction, so it is rolled back with no extra round trip: casting the marker text <c>PGRST124 &lt;rows&gt;</c> to
/// bigint raises 22P02 naming that text, which the handler turns into PostgREST's error.
/// </summary>
internal static partial class MaxAffected
{
    public static string Check(string rowCount, long max) =>
        $"(case when count(*) > {max.ToString(CultureInfo.InvariantCulture)} then ('PGRST124 ' || count(*))::bigint else {rowCount} end)";

    public static bool TryRead(PostgresException e, out long rows)
    {
        rows = 0;
        var match = e.SqlState == "22P02" ? Marker().Match(e.MessageText) : Match.Empty;
        return match.Success && long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out rows);
    }

    [GeneratedRegex("^invalid input syntax for type bigint: \"PGRST124 (\\d+)\"$")]
    private static partial Regex Marker();
}
