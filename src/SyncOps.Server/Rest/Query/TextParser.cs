using System.Text;
using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest.Query;

/// <summary>
/// The cursor both query-string parsers (<see cref="SelectParser"/>, <see cref="FilterParser"/>) read with: one
/// position in one value, the primitives to move it, and PGRST100 errors worded as PostgREST's parser words them.
/// </summary>
internal abstract class TextParser(string text, string what)
{
    /// <summary>The value being parsed.</summary>
    protected string Text { get; } = text;

    /// <summary>What it is, for the error message ("select parameter", "filter value", ...).</summary>
    protected string What { get; } = what;

    protected int Position { get; set; }

    protected char Peek() => PeekAt(0);

    protected char PeekAt(int offset) => Position + offset < Text.Length ? Text[Position + offset] : '\0';

    protected void SkipSpaces()
    {
        while (Peek() == ' ')
        {
            Position++;
        }
    }

    protected bool TryRead(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        Position++;
        return true;
    }

    protected bool TryReadWord(string word)
    {
        if (!Text.AsSpan(Position).StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        Position += word.Length;
        return true;
    }

    protected void Expect(char c)
    {
        if (!TryRead(c))
        {
            throw Error($"\"{c}\"");
        }
    }

    /// <summary>A double-quoted value, as PostgREST reads one: a backslash takes the next character as it is.</summary>
    protected string ReadQuoted()
    {
        Expect('"');
        var value = new StringBuilder();
        while (Position < Text.Length && Text[Position] != '"')
        {
            if (Text[Position] == '\\' && Position + 1 < Text.Length)
            {
                Position++;
            }

            value.Append(Text[Position++]);
        }

        Expect('"');
        return value.ToString();
    }

    protected PostgrestException Error(string expecting)
    {
        var found = Position < Text.Length ? $"unexpected \"{Text[Position]}\"" : "unexpected end of input";
        return new PostgrestException(PostgrestError.Parse(
            $"\"failed to parse {What} ({Text})\" (line 1, column {Position + 1})", $"{found} expecting {expecting}"));
    }
}
