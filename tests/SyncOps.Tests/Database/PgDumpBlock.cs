using System.Text.RegularExpressions;

namespace SyncOps.Tests.Database;

/// <summary>
/// One object of a plain-format pg_dump: the "-- Name: ...; Type: ...; Schema: ...; Owner: ..." header pg_dump writes
/// before each object, and the SQL after it.
/// </summary>
internal sealed partial record PgDumpBlock(string Type, string Name, string Schema, string Sql)
{
    /// <summary>The objects of a dump in pg_dump's own order, without the session settings and the \restrict lines.</summary>
    public static IReadOnlyList<PgDumpBlock> Parse(string dump)
    {
        var text = dump.ReplaceLineEndings("\n");
        var headers = Header().Matches(text);
        var blocks = new List<PgDumpBlock>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : text.Length;
            var sql = string.Join('\n', text[start..end].Split('\n').Where(IsStatementLine)).Trim();
            blocks.Add(new PgDumpBlock(
                headers[i].Groups["type"].Value, headers[i].Groups["name"].Value, headers[i].Groups["schema"].Value, sql));
        }

        return blocks;
    }

    /// <summary>The schema-qualified names of other objects this block's SQL mentions, in order (e.g. its table).</summary>
    public IEnumerable<string> QualifiedNames() => QualifiedName().Matches(Sql).Select(m => m.Value);

    // pg_dump interleaves session settings (SET default_tablespace ...) and, since 15.14, "\restrict KEY" lines with a
    // random key between the objects; none of them describe the schema.
    private static bool IsStatementLine(string line) =>
        !line.StartsWith("SET ", StringComparison.Ordinal) &&
        !line.StartsWith("SELECT pg_catalog.set_config(", StringComparison.Ordinal) &&
        !line.StartsWith("\\restrict", StringComparison.Ordinal) &&
        !line.StartsWith("\\unrestrict", StringComparison.Ordinal) &&
        !line.StartsWith("-- PostgreSQL database dump", StringComparison.Ordinal) &&
        line != "--";

    [GeneratedRegex(@"^--\n-- Name: (?<name>.*?); Type: (?<type>.*?); Schema: (?<schema>.*?); Owner: .*\n--\n", RegexOptions.Multiline)]
    private static partial Regex Header();

    [GeneratedRegex(@"\b[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\b")]
    private static partial Regex QualifiedName();
}
