using Microsoft.Extensions.Primitives;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Reads the query string (already decoded, <c>+</c> as space, as PostgREST does) into a <see cref="ParsedQuery"/>.
/// Parameter order does not matter; repeated filters on one column are ANDed.
/// </summary>
internal static class QueryStringParser
{
    public static ParsedQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, Func<string, bool> isArgument)
    {
        IReadOnlyList<string>? select = null, columns = null, onConflict = null;
        var conditions = new List<Condition>();
        var order = new List<OrderTerm>();
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        long? limit = null;
        long offset = 0;
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                var text = value ?? "";
                switch (key)
                {
                    case "select":
                        select = ParseSelect(text);
                        break;
                    case "columns":
                        columns = ParseColumnList(text, "columns");
                        break;
                    case "on_conflict":
                        onConflict = ParseColumnList(text, "on_conflict");
                        break;
                    case "order":
                        order.AddRange(ParseOrder(text));
                        break;
                    case "limit":
                        limit = ParseCount(text, "limit");
                        break;
                    case "offset":
                        offset = ParseCount(text, "offset");
                        break;
                    case "or" or "and" or "not.or" or "not.and":
                        conditions.Add(FilterParser.ParseLogic(key, text));
                        break;
                    default:
                        if (isArgument(key))
                        {
                            arguments[key] = text;
                        }
                        else if (key.Length > 0)
                        {
                            conditions.Add(FilterParser.ParseFilter(key, text));
                        }

                        break;
                }
            }
        }

        return new ParsedQuery(select, conditions, order, limit, offset, columns, onConflict, arguments);
    }

    /// <summary>Column names and <c>*</c>; embedding, aliases, casts and JSON paths are not supported yet.</summary>
    private static List<string>? ParseSelect(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Length == 1 && items[0] is "*" or "")
        {
            return null;
        }

        foreach (var item in items)
        {
            if (item != "*" && !IsPlainName(item))
            {
                throw new PostgrestException(PostgrestError.Parse(
                    $"\"failed to parse select parameter ({text})\"",
                    $"unexpected \"{item}\"",
                    "SyncOps supports * and column names in select; embedding, aliases and casts are not supported yet"));
            }
        }

        return items.Contains("*") ? null : [.. items.Distinct()];
    }

    private static List<string> ParseColumnList(string text, string what)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(c => c.Length >= 2 && c[0] == '"' && c[^1] == '"' ? c[1..^1] : c).ToList();
        if (items.Count == 0 || items.Any(i => i.Length == 0))
        {
            throw new PostgrestException(PostgrestError.Parse($"\"failed to parse {what} parameter ({text})\"", "expecting column names"));
        }

        return items;
    }

    private static IEnumerable<OrderTerm> ParseOrder(string text)
    {
        foreach (var term in text.Split(','))
        {
            var parts = term.Split('.');
            bool descending = false;
            bool? nullsFirst = null;
            var index = 1;
            if (index < parts.Length && parts[index] is "asc" or "desc")
            {
                descending = parts[index++] == "desc";
            }

            if (index < parts.Length && parts[index] is "nullsfirst" or "nullslast")
            {
                nullsFirst = parts[index++] == "nullsfirst";
            }

            if (index != parts.Length || !IsPlainName(parts[0]))
            {
                throw new PostgrestException(PostgrestError.Parse(
                    $"\"failed to parse order ({text})\" (line 1, column {text.IndexOf(term, StringComparison.Ordinal) + 1})",
                    "expecting \"asc\", \"desc\", \"nullsfirst\" or \"nullslast\""));
            }

            yield return new OrderTerm(parts[0], descending, nullsFirst);
        }
    }

    private static long ParseCount(string text, string what) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new PostgrestException(PostgrestError.Parse(
                $"\"failed to parse {what} parameter ({text})\"", "expecting a non-negative integer"));

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
