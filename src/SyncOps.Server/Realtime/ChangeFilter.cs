using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// A <c>postgres_changes</c> filter such as <c>org_id=eq.org-123</c> or <c>status=in.(running,pending)</c>, with the
/// operators Supabase Realtime supports: eq, neq, lt, lte, gt, gte, in. It is checked against the row as the subscriber
/// may read it, after row-level security; it narrows what a subscriber gets, it never widens it.
/// </summary>
internal sealed record ChangeFilter(string Column, string Operator, IReadOnlyList<string> Values)
{
    private static readonly string[] s_operators = ["eq", "neq", "lt", "lte", "gt", "gte", "in"];

    /// <summary>The parsed filter, or an error message in words for the join reply.</summary>
    public static (ChangeFilter? Filter, string? Error) Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var dot = equals < 0 ? -1 : text.IndexOf('.', equals + 1);
        if (equals <= 0 || dot < 0)
        {
            return (null, $"invalid filter \"{text}\": expected column=operator.value");
        }

        var column = text[..equals].Trim();
        var op = text[(equals + 1)..dot];
        var value = text[(dot + 1)..];
        if (!s_operators.Contains(op, StringComparer.Ordinal))
        {
            return (null, $"invalid filter \"{text}\": operator {op} is not one of {string.Join(", ", s_operators)}");
        }

        if (op != "in")
        {
            return (new ChangeFilter(column, op, [value]), null);
        }

        if (value.Length < 2 || value[0] != '(' || value[^1] != ')')
        {
            return (null, $"invalid filter \"{text}\": in takes a list such as in.(a,b)");
        }

        var values = value[1..^1].Split(',', StringSplitOptions.TrimEntries)
            .Select(item => item.Length >= 2 && item[0] == '"' && item[^1] == '"' ? item[1..^1] : item)
            .ToArray();
        return (new ChangeFilter(column, op, values), null);
    }

    public bool Matches(JsonObject record)
    {
        if (!record.TryGetPropertyValue(Column, out var node) || node is null)
        {
            return false; // like SQL: a comparison with NULL is never true
        }

        var actual = Text(node);
        return Operator switch
        {
            "eq" => actual == Values[0],
            "neq" => actual != Values[0],
            "in" => Values.Contains(actual, StringComparer.Ordinal),
            _ => Compare(actual, Values[0]) is var order && Operator switch
            {
                "lt" => order < 0,
                "lte" => order <= 0,
                "gt" => order > 0,
                _ => order >= 0,
            },
        };
    }

    /// <summary>Numbers compare as numbers; everything else (text, ISO timestamps) as ordinal text.</summary>
    private static int Compare(string left, string right) =>
        decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) &&
        decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            ? l.CompareTo(r)
            : string.CompareOrdinal(left, right);

    private static string Text(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };

    public override string ToString() => $"{Column}={Operator}.{(Operator == "in" ? "(" + string.Join(",", Values) + ")" : Values[0])}";
}
