namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Parses <c>select=</c> into a tree, as PostgREST's <c>pFieldTree</c> does (url grammar, "Vertical filtering",
/// "Resource embedding"): fields with <c>alias:</c>, JSON paths and <c>::cast</c>; embeds with <c>!hint</c>,
/// <c>!inner</c>/<c>!left</c>, nested lists and <c>...</c> spreads. Spaces around items are ignored (supabase-js strips
/// them anyway). Errors are PGRST100 in PostgREST's shape.
/// </summary>
internal sealed class SelectParser(string text, string what) : TextParser(text, what)
{
    private const int MaxDepth = 16;
    /// <summary>The select tree; null for a bare <c>*</c> (or an empty value), which PostgREST treats alike.</summary>
    public static IReadOnlyList<SelectItem>? Parse(string text)
    {
        if (text.Trim() is "*" or "")
        {
            return null;
        }

        var parser = new SelectParser(text, "select parameter");
        var items = parser.ReadList(0);
        return parser.Position == text.Length ? items : throw parser.Error("\",\" or end of input");
    }

    /// <summary>A filter's or order term's left side: <c>column</c> or <c>column-&gt;a-&gt;&gt;b</c>.</summary>
    public static Field ParseField(string text, string what)
    {
        var parser = new SelectParser(text, what);
        var field = parser.ReadField();
        return parser.Position == text.Length ? field : throw parser.Error("\"->\", \"->>\" or end of input");
    }

    private List<SelectItem> ReadList(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"at most {MaxDepth} levels of embedding");
        }

        var items = new List<SelectItem>();
        while (true)
        {
            SkipSpaces();
            items.Add(ReadItem(depth));
            SkipSpaces();
            if (!TryRead(','))
            {
                return items;
            }
        }
    }

    private SelectItem ReadItem(int depth)
    {
        if (TryRead('*'))
        {
            return new StarItem();
        }

        var spread = TryReadWord("...");
        string? alias = null;
        var name = ReadName();
        if (!spread && Peek() == ':' && PeekAt(1) != ':')
        {
            Position++;
            alias = name;
            name = ReadName();
        }

        if (spread || Peek() is '!' or '(')
        {
            return ReadEmbed(alias, name, spread, depth);
        }

        var field = new Field(name, ReadPath());
        string? cast = null;
        if (TryReadWord("::"))
        {
            var start = Position;
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                Position++;
            }

            // Only letters, digits and _: the type name goes into SQL as written (as in PostgREST), so nothing else may.
            cast = Position > start ? Text[start..Position] : throw Error("a type name after \"::\"");
        }

        return new FieldItem(alias, field, cast);
    }

    private EmbedItem ReadEmbed(string? alias, string relation, bool spread, int depth)
    {
        string? hint = null;
        var join = EmbedJoin.Left;
        while (TryRead('!'))
        {
            var word = ReadName();
            if (word == "inner")
            {
                join = EmbedJoin.Inner;
            }
            else if (word == "left")
            {
                join = EmbedJoin.Left;
            }
            else
            {
                hint = word;
            }
        }

        Expect('(');
        SkipSpaces();
        var items = Peek() == ')' ? [] : ReadList(depth + 1);
        SkipSpaces();
        Expect(')');
        return new EmbedItem(alias, relation, hint, join, spread, items);
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
