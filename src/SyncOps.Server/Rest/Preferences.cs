using Microsoft.Extensions.Primitives;

namespace SyncOps.Server.Rest;

/// <summary>
/// The <c>Prefer</c> header: a comma list across any number of headers, spaces ignored, an empty header tolerated
/// (old postgrest-js sends <c>Prefer: </c>), unknown preferences ignored (protocol reference §3, §11).
/// </summary>
public sealed record Preferences(string? Return, string? Count, string? Resolution, bool MissingDefault)
{
    public static Preferences Parse(StringValues headers)
    {
        string? returnPreference = null, count = null, resolution = null;
        var missingDefault = false;
        foreach (var header in headers)
        {
            foreach (var item in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, value) = item.IndexOf('=', StringComparison.Ordinal) is var i and >= 0
                    ? (item[..i].Trim(), item[(i + 1)..].Trim())
                    : (item, "");
                switch (name)
                {
                    case "return" when value is "representation" or "minimal" or "headers-only":
                        returnPreference = value;
                        break;
                    case "count" when value is "exact" or "planned" or "estimated":
                        count = value;
                        break;
                    case "resolution" when value is "merge-duplicates" or "ignore-duplicates":
                        resolution = value;
                        break;
                    case "missing" when value == "default":
                        missingDefault = true;
                        break;
                }
            }
        }

        return new Preferences(returnPreference, count, resolution, missingDefault);
    }

    /// <summary>What PostgREST echoes in <c>Preference-Applied</c>.</summary>
    public string Applied() => string.Join(", ", new[]
    {
        Return is null ? null : "return=" + Return,
        Count is null ? null : "count=" + Count,
        Resolution is null ? null : "resolution=" + Resolution,
        MissingDefault ? "missing=default" : null,
    }.Where(s => s is not null));
}
