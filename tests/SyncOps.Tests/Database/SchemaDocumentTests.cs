using Npgsql;
using SyncOps.Database;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Database;

/// <summary>
/// docs/schema.sql is what the migrations produce. With SYNCOPS_UPDATE_SCHEMA=1 (scripts/dump-schema.sh) the test
/// writes the file instead of failing, so regenerating it takes no tool beyond the test run.
/// </summary>
public sealed class SchemaDocumentTests : DatabaseTest
{
    [Fact]
    public async Task SchemaSql_MatchesFreshlyMigratedDatabase()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource).MigrateAsync();
        var expected = SchemaDocument.Render(await PgDump.SchemaAsync(dataSource, connectionString));
        var path = RepositoryFiles.Resolve("docs/schema.sql");

        // The test's own edge: the only variable it reads, and only to choose between checking and writing.
        if (Environment.GetEnvironmentVariable("SYNCOPS_UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        var actual = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(expected == actual,
            $"docs/schema.sql is not what the migrations produce ({FirstDifference(expected, actual)}); " +
            $"regenerate it with {SchemaDocument.RegenerateCommand} and commit it");
    }

    [Fact]
    public void Render_PoliciesFollowTheirTable()
    {
        const string dump = """
            --
            -- Name: t; Type: TABLE; Schema: public; Owner: -
            --

            CREATE TABLE public.t (org_id text);

            --
            -- Name: f(); Type: FUNCTION; Schema: public; Owner: -
            --

            CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ select 1 $$;

            --
            -- Name: t t_member_read; Type: POLICY; Schema: public; Owner: -
            --

            CREATE POLICY t_member_read ON public.t FOR SELECT USING (true);

            \unrestrict abc
            """;

        var document = SchemaDocument.Render(dump);

        var function = document.IndexOf("CREATE FUNCTION public.f()", StringComparison.Ordinal);
        var table = document.IndexOf("CREATE TABLE public.t", StringComparison.Ordinal);
        var policy = document.IndexOf("CREATE POLICY t_member_read", StringComparison.Ordinal);
        Assert.True(function >= 0 && function < table && table < policy, document);
        Assert.DoesNotContain("restrict", document, StringComparison.Ordinal);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var want = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var have = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (want != have)
            {
                return $"line {i + 1}: expected \"{want}\", the file has \"{have}\"";
            }
        }

        return "no line differs";
    }
}
