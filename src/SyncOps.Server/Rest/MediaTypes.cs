using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>
/// Content negotiation: no <c>Accept</c>, <c>*/*</c> and JSON give an array; <c>application/vnd.pgrst.object+json</c>
/// (what <c>.single()</c> sends, on every method) gives one object; anything else is 406 PGRST107.
/// </summary>
internal static class MediaTypes
{
    public const string Json = "application/json; charset=utf-8";
    public const string SingleObject = "application/vnd.pgrst.object+json; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8";

    /// <summary>True when the client asked for a single object.</summary>
    public static bool WantsSingleObject(string? accept) => WantsSingleObject(accept, allowCsv: false, out _);

    /// <summary>
    /// As <see cref="WantsSingleObject(string?)"/>; with <paramref name="allowCsv"/> (table reads), <c>text/csv</c>
    /// (supabase-js <c>.csv()</c>) is accepted too, when no JSON type comes before it.
    /// </summary>
    public static bool WantsSingleObject(string? accept, bool allowCsv, out bool csv)
    {
        csv = false;
        if (string.IsNullOrWhiteSpace(accept))
        {
            return false;
        }

        var acceptable = false;
        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var type = range.Split(';', 2)[0].Trim().ToLowerInvariant();
            if (type == "application/vnd.pgrst.object+json" || type == "application/vnd.pgrst.object")
            {
                return true;
            }

            if (allowCsv && type == "text/csv" && !acceptable)
            {
                csv = true;
                return false;
            }

            acceptable |= type is "*/*" or "application/*" or "application/json" or "application/vnd.pgrst.array+json";
        }

        return acceptable ? false : throw new PostgrestException(PostgrestError.MediaTypeUnavailable(accept));
    }
}
