using Microsoft.Extensions.Primitives;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>
/// The <c>Prefer</c> header: a comma list across any number of headers, spaces ignored, an empty header tolerated
/// (old postgrest-js sends <c>Prefer: </c>), unknown preferences ignored unless <c>handling=strict</c>, which makes them
/// PGRST122 (protocol reference §3, §11; PostgREST ApiRequest/Preferences.hs).
/// </summary>
internal sealed record Preferences(string? Return, string? Count, string? Resolution, bool MissingDefault)
{
    public string? Transaction { get; init; }

    public string? Handling { get; init; }

    public long? MaxAffected { get; init; }

    /// <summary><c>params=single-object</c>: an RPC body is the one json/jsonb argument, whole.</summary>
    public bool SingleObject { get; init; }

    /// <summary>Preferences not understood, as sent.</summary>
    public IReadOnlyList<string> Invalid { get; init; } = [];

    public bool Strict => Handling == "strict";

    public static Preferences Parse(StringValues headers)
    {
        string? returnPreference = null, count = null, resolution = null, transaction = null, handling = null;
        long? maxAffected = null;
        var missingDefault = false;
        var singleObject = false;
        var invalid = new List<string>();
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
                    case "tx" when value is "commit" or "rollback":
                        transaction = value;
                        break;
                    case "params" when value is "single-object" or "multiple-objects":
                        singleObject = value == "single-object";
                        break;
                    case "handling" when value is "strict" or "lenient":
                        handling = value;
                        break;
                    case "max-affected" when long.TryParse(value, System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out var max):
                        maxAffected = max;
                        break;
                    default:
                        invalid.Add(item);
                        break;
                }
            }
        }

        return new Preferences(returnPreference, count, resolution, missingDefault)
        {
            Transaction = transaction,
            Handling = handling,
            MaxAffected = maxAffected,
            SingleObject = singleObject,
            Invalid = invalid,
        };
    }

    /// <summary>Under <c>handling=strict</c> an unknown preference is an error (PGRST122); leniently it is ignored.</summary>
    public Preferences CheckStrict() =>
        Strict && Invalid.Count > 0 ? throw new PostgrestException(RestErrors.InvalidPreferences(Invalid)) : this;

    /// <summary>What PostgREST echoes in <c>Preference-Applied</c>.</summary>
    public string Applied() => string.Join(", ", new[]
    {
        Return is null ? null : "return=" + Return,
        Count is null ? null : "count=" + Count,
        Resolution is null ? null : "resolution=" + Resolution,
        MissingDefault ? "missing=default" : null,
        Handling is null ? null : "handling=" + Handling,
        Transaction is null ? null : "tx=" + Transaction,
        MaxAffected is null || !Strict ? null : "max-affected=" + MaxAffected.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(s => s is not null));
}
