using System.Globalization;
using System.Text.Json;

namespace SyncOps.Simulators.Odoo;

/// <summary>
/// The domains the simulator understands, AND-ed: <c>["write_date", "&gt;=" | "&gt;", "YYYY-MM-DD HH:MM:SS"]</c> and
/// id bounds <c>["id", "&gt;" | "&gt;=" | "&lt;" | "&lt;=", n]</c>; anything else is refused as Odoo refuses a bad term.
/// </summary>
internal sealed record OdooDomain(DateTime? ModifiedAfter, long? IdAbove, long? IdAtMost)
{
    public static OdooDomain Parse(JsonElement domain)
    {
        DateTime? after = null;
        long? above = null, atMost = null;
        if (domain.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || (domain.ValueKind == JsonValueKind.False))
        {
            return new OdooDomain(null, null, null);
        }

        if (domain.ValueKind != JsonValueKind.Array)
        {
            throw new OdooError("builtins.ValueError", $"Invalid domain {domain.GetRawText()}");
        }

        foreach (var term in domain.EnumerateArray())
        {
            if (term.ValueKind != JsonValueKind.Array || term.GetArrayLength() != 3)
            {
                throw new OdooError("builtins.ValueError", $"Invalid domain term {term.GetRawText()}");
            }

            var (field, op, value) = (term[0].GetString(), term[1].GetString(), term[2]);
            if (field == "write_date" && op is ">=" or ">" && value.ValueKind == JsonValueKind.String &&
                DateTime.TryParseExact(value.GetString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var bound))
            {
                // The catalog's bound is exclusive: ">=" is "> bound - 1 s" at Odoo's 1 s granularity.
                after = op == ">=" ? bound.AddSeconds(-1) : bound;
            }
            else if (field == "id" && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id))
            {
                switch (op)
                {
                    case ">": above = Math.Max(above ?? long.MinValue, id); break;
                    case ">=": above = Math.Max(above ?? long.MinValue, id - 1); break;
                    case "<=": atMost = Math.Min(atMost ?? long.MaxValue, id); break;
                    case "<": atMost = Math.Min(atMost ?? long.MaxValue, id - 1); break;
                    default: throw new OdooError("builtins.ValueError", $"Invalid domain term {term.GetRawText()}");
                }
            }
            else
            {
                throw new OdooError("builtins.ValueError", $"Invalid domain term {term.GetRawText()}");
            }
        }

        return new OdooDomain(after, above, atMost);
    }
}
