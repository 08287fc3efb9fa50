using Microsoft.Extensions.Primitives;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Reads the query string (already decoded, <c>+</c> as space, as PostgREST does) into a <see cref="ParsedQuery"/>.
/// Parameter order does not matter; repeated filters on one column are ANDed. <c>order</c>, <c>limit</c>,
/// <c>offset</c>, <c>or</c>, <c>and</c> and filters prefixed by an embed's key (<c>messages.limit=1</c>) apply to
/// that embed (url grammar, "Embedded filters"); the handler checks that the embed exists.
/// </summary>
internal static class QueryStringParser
{
    private static readonly string[] s_embedKeys = ["not.or", "not.and", "order", "limit", "offset", "or", "and"];

    public static ParsedQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, Func<string, bool> isArgument)
    {
        IReadOnlyList<SelectItem>? select = null;
        IReadOnlyList<string>? columns = null, onConflict = null;
        var root = new EmbedOptions();
        var embeds = new Dictionary<string, EmbedOptions>(StringComparer.Ordinal);
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                var text = value ?? "";
                switch (key)
                {
                    case "select":
                        select = SelectParser.Parse(text);
                        break;
                    case "columns":
                        columns = ParseColumnList(text, "columns");
                        break;
                    case "on_conflict":
                        onConflict = ParseColumnList(text, "on_conflict");
                        break;
                    default:
                        if (isArgument(key))
                        {
                            arguments[key] = text;
                        }
                        else if (key.Length > 0)
                        {
                            var (path, name) = SplitPath(key);
                            var target = path is null ? root : embeds.TryGetValue(path, out var o) ? o : embeds[path] = new EmbedOptions();
                            Apply(target, name, text);
                        }

                        break;
                }
            }
        }

        return new ParsedQuery(select, root.Conditions, root.Order, root.Limit, root.Offset, columns, onConflict, arguments, embeds);
    }

    private static void Apply(EmbedOptions target, string name, string text)
    {
        switch (name)
        {
            case "order":
                target.Order.AddRange(ParseOrder(text));
                break;
            case "limit":
                target.Limit = ParseCount(text, "limit");
                break;
            case "offset":
                target.Offset = ParseCount(text, "offset");
                break;
            case "or" or "and" or "not.or" or "not.and":
                target.Conditions.Add(FilterParser.ParseLogic(name, text));
                break;
            default:
                target.Conditions.Add(FilterParser.ParseFilter(SelectParser.ParseField(name, "filter"), text));
                break;
        }
    }

    /// <summary><c>a.b.limit</c> → (<c>a.b</c>, <c>limit</c>); <c>a.col-&gt;x.y</c> → (<c>a</c>, <c>col-&gt;x.y</c>).</summary>
    private static (string? Path, string Name) SplitPath(string key)
    {
        foreach (var reserved in s_embedKeys)
        {
            if (key == reserved)
            {
                return (null, key);
            }

            if (key.EndsWith("." + reserved, StringComparison.Ordinal))
            {
                return (key[..^(reserved.Length + 1)], reserved);
            }
        }

        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        var head = arrow < 0 ? key : key[..arrow];
        var dot = head.LastIndexOf('.');
        return dot <= 0 ? (null, key) : (key[..dot], key[(dot + 1)..]);
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
            // The field may hold a JSON path (data->a); its direction words follow the last dots.
            var parts = term.Split('.');
            var end = parts.Length;
            bool? nullsFirst = null;
            var descending = false;
            if (end > 1 && parts[end - 1] is "nullsfirst" or "nullslast")
            {
                nullsFirst = parts[--end] == "nullsfirst";
            }

            if (end > 1 && parts[end - 1] is "asc" or "desc")
            {
                descending = parts[--end] == "desc";
            }

            var fieldText = string.Join('.', parts[..end]);
            string? relation = null;
            if (fieldText.Length > 2 && fieldText[^1] == ')' && fieldText.IndexOf('(', StringComparison.Ordinal) is var open and > 0)
            {
                // order=rel(column): a to-one embed's column (PostgREST docs, "Ordering by related columns").
                relation = fieldText[..open];
                fieldText = fieldText[(open + 1)..^1];
            }

            Field field;
            try
            {
                field = SelectParser.ParseField(fieldText, "order");
                if (relation is not null)
                {
                    SelectParser.ParseField(relation, "order"); // a name only, as for any field
                }
            }
            catch (PostgrestException)
            {
                throw new PostgrestException(PostgrestError.Parse(
                    $"\"failed to parse order ({text})\" (line 1, column {text.IndexOf(term, StringComparison.Ordinal) + 1})",
                    "expecting \"asc\", \"desc\", \"nullsfirst\" or \"nullslast\""));
            }

            yield return new OrderTerm(field, descending, nullsFirst) { Relation = relation };
        }
    }

    private static long ParseCount(string text, string what) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new PostgrestException(PostgrestError.Parse(
                $"\"failed to parse {what} parameter ({text})\"", "expecting a non-negative integer"));
}
