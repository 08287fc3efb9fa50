using System.Text;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Parses PostgREST filters (protocol reference §4.2): <c>[not.]op[(any|all)].value</c> where a plain filter's value is
/// the whole remainder, and <c>or=(…)</c>/<c>and=(…)</c> trees where a value ends at <c>,</c> or <c>)</c> unless quoted
/// or an <c>{…}</c> array literal. Errors are PGRST100 with PostgREST's message shape.
/// </summary>
internal sealed class FilterParser
{
    private readonly string _text;
    private readonly string _what;
    private int _position;

    private FilterParser(string text, string what)
    {
        _text = text;
        _what = what;
    }

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
        if (parser._position != expression.Length)
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
            _position--;
            return ReadGroup(false, negated);
        }

        if (TryReadWord("or("))
        {
            _position--;
            return ReadGroup(true, negated);
        }

        if (negated)
        {
            _position -= 4; // "not" was a column name after all
        }

        var start = _position;
        var column = ReadColumn();
        Field field;
        try
        {
            field = SelectParser.ParseField(column, _what);
        }
        catch (PostgrestException)
        {
            _position = start;
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

        var start = _position;
        while (_position < _text.Length && _text[_position] is not ('.' or ',' or '(' or ')'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("column name");
    }

    private Filter ReadFilter(Field column, bool inTree)
    {
        var negated = TryReadWord("not.");
        var start = _position;
        while (_position < _text.Length && char.IsAsciiLetterLower(_text[_position]))
        {
            _position++;
        }

        if (!Operators.TryGet(_text[start.._position], out var op))
        {
            _position = start;
            throw Error("\"not\" or operator (eq, gt, ...)");
        }

        string? language = null;
        if (Operators.IsFullText(op) && TryRead('('))
        {
            var languageStart = _position;
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                _position++;
            }

            language = _text[languageStart.._position];
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
            if (!inTree && _position != _text.Length)
            {
                throw Error("end of input");
            }

            return new Filter(column, op, negated, quantifier, "", list);
        }

        var value = inTree ? ReadTreeValue() : _text[_position..];
        _position = inTree ? _position : _text.Length;
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
                var start = _position;
                while (_position < _text.Length && _text[_position] is not (',' or ')'))
                {
                    _position++;
                }

                items.Add(_text[start.._position].Trim());
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

        var start = _position;
        if (Peek() == '{')
        {
            while (_position < _text.Length && _text[_position] != '}')
            {
                _position++;
            }

            Expect('}');
            return _text[start.._position];
        }

        while (_position < _text.Length && _text[_position] is not (',' or ')'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private string ReadQuoted()
    {
        Expect('"');
        var value = new StringBuilder();
        while (_position < _text.Length && _text[_position] != '"')
        {
            if (_text[_position] == '\\' && _position + 1 < _text.Length)
            {
                _position++;
            }

            value.Append(_text[_position++]);
        }

        Expect('"');
        return value.ToString();
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }

    private bool TryRead(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool TryReadWord(string word)
    {
        if (!_text.AsSpan(_position).StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        _position += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryRead(c))
        {
            throw Error($"\"{c}\"");
        }
    }

    private PostgrestException Error(string expecting)
    {
        var found = _position < _text.Length ? $"unexpected \"{_text[_position]}\"" : "unexpected end of input";
        return new PostgrestException(PostgrestError.Parse(
            $"\"failed to parse {_what} ({_text})\" (line 1, column {_position + 1})", $"{found} expecting {expecting}"));
    }
}
