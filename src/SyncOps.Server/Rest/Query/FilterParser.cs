using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Parses PostgREST filters (protocol reference §4.2): <c>[not.]op[(any|all)].value</c> where a plain filter's value is
/// the whole remainder, and <c>or=(…)</c>/<c>and=(…)</c> trees where a value ends at <c>,</c> or <c>)</c> unless quoted
/// or an <c>{…}</c> array literal. Errors are PGRST100 with PostgREST's message shape.
/// </summary>
internal sealed class FilterParser(string text, string what) : TextParser(text, what)
{
    /// <summary>A query parameter <c>column=expression</c>.</summary>
    public static Filter ParseFilter(Field column, string expression)
    {
        var parser = new FilterParser(expression, "filter");
        return parser.ReadFilter(column, inTree: false);
    }

    /// <summary>A query parameter <c>or=(…)</c>, <c>and=(…)</c>, <c>not.or=(…)</c>, <c>not.and=(…)</c>.</summary>
    public static LogicGroup ParseLogic(string key, string expression)
    {
        var negated = key.StartsWith("not.", StringComparison.Ordinal);
        var parser = new FilterParser(expression, "logic tree");
        var group = parser.ReadGroup(key.EndsWith("or", StringComparison.Ordinal), negated);
        if (parser.Position != expression.Length)
        {
            throw parser.Error("end of input");
        }

        return group;
    }

    private LogicGroup ReadGroup(bool isOr, bool negated)
    {
        Expect('(');
        var conditions = new List<Condition>();
        while (true)
        {
            conditions.Add(ReadCondition());
            if (TryRead(')'))
            {
                return new LogicGroup(isOr, negated, conditions);
            }

            Expect(',');
        }
    }

    private Condition ReadCondition()
    {
        var negated = TryReadWord("not.");
        if (TryReadWord("and("))
        {
            Position--;
            return ReadGroup(false, negated);
        }

        if (TryReadWord("or("))
        {
            Position--;
            return ReadGroup(true, negated);
        }

        if (negated)
        {
            Position -= 4; // "not" was a column name after all
        }

        var start = Position;
        var column = ReadColumn();
        Field field;
        try
        {
            field = SelectParser.ParseField(column, What);
        }
        catch (PostgrestException)
        {
            Position = start;
            throw Error("column name");
        }

        Expect('.');
        return ReadFilter(field, inTree: true);
    }

    private string ReadColumn()
    {
        if (Peek() == '"')
        {
            return ReadQuoted();
        }

        var start = Position;
        while (Position < Text.Length && Text[Position] is not ('.' or ',' or '(' or ')'))
        {
            Position++;
        }

        return Position > start ? Text[start..Position] : throw Error("column name");
    }

    private Filter ReadFilter(Field column, bool inTree)
    {
        var negated = TryReadWord("not.");
        var start = Position;
        while (Position < Text.Length && char.IsAsciiLetterLower(Text[Position]))
        {
            Position++;
        }

        if (!Operators.TryGet(Text[start..Position], out var op))
        {
            Position = start;
            throw Error("\"not\" or operator (eq, gt, ...)");
        }

        string? language = null;
        if (Operators.IsFullText(op) && TryRead('('))
        {
            var languageStart = Position;
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                Position++;
            }

            language = Text[languageStart..Position];
            Expect(')');
        }

        var quantifier = Quantifier.None;
        if (Operators.AllowsQuantifier(op))
        {
            quantifier = TryReadWord("(any)") ? Quantifier.Any : TryReadWord("(all)") ? Quantifier.All : Quantifier.None;
        }

        Expect('.');
        if (op == FilterOperator.In)
        {
            var list = ReadList();
            if (!inTree && Position != Text.Length)
            {
                throw Error("end of input");
            }

            return new Filter(column, op, negated, quantifier, "", list);
        }

        var value = inTree ? ReadTreeValue() : Text[Position..];
        Position = inTree ? Position : Text.Length;
        if (op == FilterOperator.Is && Operators.IsKeyword(value) is null)
        {
            throw Error("null or trilean value (unknown, true, false)");
        }

        if (quantifier != Quantifier.None && !(value.StartsWith('{') && value.EndsWith('}')))
        {
            throw Error("an array literal {a,b} after (any) or (all)");
        }

        return new Filter(column, op, negated, quantifier, value, null, language is { Length: > 0 } ? language : null);
    }

    private List<string> ReadList()
    {
        Expect('(');
        var items = new List<string>();
        SkipSpaces();
        if (TryRead(')'))
        {
            return items;
        }

        while (true)
        {
            SkipSpaces();
            if (Peek() == '"')
            {
                items.Add(ReadQuoted());
            }
            else
            {
                var start = Position;
                while (Position < Text.Length && Text[Position] is not (',' or ')'))
                {
                    Position++;
                }

                items.Add(Text[start..Position].Trim());
            }

            SkipSpaces();
            if (TryRead(')'))
            {
                return items;
            }

            Expect(',');
        }
    }

    private string ReadTreeValue()
    {
        if (Peek() == '"')
        {
            return ReadQuoted();
        }

        var start = Position;
        if (Peek() == '{')
        {
            while (Position < Text.Length && Text[Position] != '}')
            {
                Position++;
            }

            Expect('}');
            return Text[start..Position];
        }

        while (Position < Text.Length && Text[Position] is not (',' or ')'))
        {
            Position++;
        }

        return Text[start..Position];
    }
}
