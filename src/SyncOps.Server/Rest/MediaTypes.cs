using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>
/// Content negotiation as PostgREST 12's MediaType.hs decodes the <c>Accept</c> list: the first producible type wins.
/// No <c>Accept</c>, <c>*/*</c> and JSON give an array; <c>application/vnd.pgrst.object+json</c> (what
/// <c>.single()</c> sends) one object; <c>;nulls=stripped</c> on either drops null keys; <c>text/csv</c> on reads;
/// <c>application/vnd.pgrst.plan</c> when plans are enabled (<c>db-plan-enabled</c>). <c>application/geo+json</c>
/// needs PostGIS, which SyncOps does not load, so it is never producible, as in a PostgREST without PostGIS. Nothing
/// producible is 406 PGRST107.
/// </summary>
internal static class MediaTypes
{
    public const string Json = "application/json; charset=utf-8";
    public const string SingleObject = "application/vnd.pgrst.object+json; charset=utf-8";
    public const string SingleObjectStripped = "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8";
    public const string ArrayStripped = "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8";

    /// <summary>True when the client asked for a single object.</summary>
    public static bool WantsSingleObject(string? accept) => Negotiate(accept, allowCsv: false, allowPlan: false).Single;

    /// <summary>The first type of <paramref name="accept"/> SyncOps can produce for this request.</summary>
    internal static Negotiated Negotiate(string? accept, bool allowCsv, bool allowPlan)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Negotiated.Array;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var stripped = parts.Skip(1).Any(p => p == "nulls=stripped");
            switch (parts[0].ToLowerInvariant())
            {
                case "*/*" or "application/*" or "application/json":
                    return Negotiated.Array;
                case "application/vnd.pgrst.array+json" or "application/vnd.pgrst.array":
                    return Negotiated.Array with { StripNulls = stripped };
                case "application/vnd.pgrst.object+json" or "application/vnd.pgrst.object":
                    return Negotiated.Array with { Single = true, StripNulls = stripped };
                case "text/csv" when allowCsv:
                    return Negotiated.Array with { Csv = true };
                case "application/vnd.pgrst.plan" or "application/vnd.pgrst.plan+text" or "application/vnd.pgrst.plan+json" when allowPlan:
                    return Plan(parts);
            }
        }

        throw new PostgrestException(PostgrestError.MediaTypeUnavailable(accept));
    }

    /// <summary>
    /// A plan of the rows in the <c>for</c> type (JSON when absent; PostgREST explains the statement of that type, and
    /// SyncOps' statements for JSON, a single object or stripped nulls differ only in their outer aggregate).
    /// </summary>
    private static Negotiated Plan(string[] parts)
    {
        var json = parts[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        var forType = parts.Skip(1).FirstOrDefault(p => p.StartsWith("for=", StringComparison.Ordinal)) is { } f
            ? f[4..].Trim('"')
            : "application/json";
        var options = parts.Skip(1).FirstOrDefault(p => p.StartsWith("options=", StringComparison.Ordinal)) is { } o
            ? o[8..].Split('|')
            : [];
        var rows = forType.Length == 0 ? Negotiated.Array : Negotiate(forType, allowCsv: true, allowPlan: false);
        return rows with { Plan = new PlanRequest(json, forType.Length == 0 ? "application/json" : forType, [.. PlanRequest.Known.Where(options.Contains)]) };
    }
}
