namespace SyncOps.Server.Rest.Query;

/// <summary>
/// Parses <c>select=</c> into a tree, as PostgREST's <c>pFieldTree</c> does (url grammar, "Vertical filtering",
/// "Resource embedding"): fields with <c>alias:</c>, JSON paths and <c>::cast</c>; embeds with <c>!hint</c>,
/// <c>!inner</c>/<c>!left</c>, nested lists and <c>...</c> spreads. Spaces around items are ignored (supabase-js strips
/// them anyway). Errors are PGRST100 in PostgREST's shape.
/// </summary>
internal sealed partial class SelectParser(string text, string what) : TextParser(text, what)
{
    private const int MaxDepth = 16;
    private static readonly string[] s_aggregates = ["count", "sum", "avg", "min", "max"];

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

        if (!spread && name == "count" && TryReadWord("()"))
        {
            // PostgREST tries count() before an embed named count (QueryParams.hs pFieldSelect).
            return new FieldItem(alias, Field.Plain("*"), null) { Aggregate = "count", AggregateCast = ReadCast() };
        }

        if (spread || Peek() is '!' or '(')
        {
            return ReadEmbed(alias, name, spread, depth);
        }

        var field = new Field(name, ReadPath());
        var cast = ReadCast();
        if (!TryRead('.'))
        {
            return new FieldItem(alias, field, cast);
        }

        var aggregate = s_aggregates.FirstOrDefault(a => TryReadWord(a + "()"))
            ?? throw Error("an aggregate (count(), sum(), avg(), min(), max())");
        return new FieldItem(alias, field, cast) { Aggregate = aggregate, AggregateCast = ReadCast() };
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
}
