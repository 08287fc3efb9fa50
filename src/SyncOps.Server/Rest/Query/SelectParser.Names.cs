namespace SyncOps.Server.Rest.Query;

/// <summary>The select grammar's words: names (plain or quoted), JSON paths and casts.</summary>
internal sealed partial class SelectParser
{
    private string? ReadCast()
    {
        if (!TryReadWord("::"))
        {
            return null;
        }

        var start = Position;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
        {
            Position++;
        }

        // Only letters, digits and _: the type name goes into SQL as written (as in PostgREST), so nothing else may.
        return Position > start ? Text[start..Position] : throw Error("a type name after \"::\"");
    }

    private Field ReadField() => new(ReadName(), ReadPath());

    private List<JsonStep> ReadPath()
    {
        var path = new List<JsonStep>();
        while (TryReadWord("->"))
        {
            var asText = TryRead('>');
            path.Add(new JsonStep(ReadName(allowSign: true), asText));
        }

        return path;
    }

    private string ReadName(bool allowSign = false)
    {
        if (Peek() == '"')
        {
            return ReadQuotedName();
        }

        var start = Position;
        if (allowSign && Peek() == '-')
        {
            Position++;
        }

        while (Position < Text.Length && (char.IsLetterOrDigit(Text[Position]) || Text[Position] is '_' or '$'
                   || (Text[Position] == '-' && PeekAt(1) != '>' && Position > start)))
        {
            Position++;
        }

        return Position > start ? Text[start..Position] : throw Error("field name (* or [a..z0..9_$])");
    }

    private string ReadQuotedName()
    {
        var name = ReadQuoted();
        return name.Length > 0 ? name : throw Error("a name between the quotes");
    }
}
