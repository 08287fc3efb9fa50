using System.Text.RegularExpressions;

namespace SyncOps.Tests.Conventions;

/// <summary>
/// Folders depend one way (STYLE.md): no namespace of src/ may reach itself again through the <c>using</c> directives of
/// its files. When two folders need each other, the shared piece moves down into its own place (as <c>Errors/</c> did
/// for Auth and Rest). A namespace and the ones inside it are one feature and may use each other.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void SourceFolders_HaveNoCycles()
    {
        var cycles = Cycles(Dependencies("src"));

        Assert.Empty(cycles);
    }

    [Fact]
    public void Cycles_FindsACircleThroughThreeFolders()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };

        Assert.Equal(["A -> B -> C -> A"], Cycles(graph));
        Assert.NotEmpty(Dependencies("src")); // the sources were read: an empty graph would pass for the wrong reason
    }

    /// <summary>Namespace -> the SyncOps namespaces its files use, leaving out its own ancestors and descendants.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(string folder)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, lines) in SourceFiles.Under(folder))
        {
            var ns = lines.Select(l => Namespace().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (ns is null)
            {
                continue;
            }

            foreach (var used in lines.Select(l => Using().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value))
            {
                if (used != ns && !ns.StartsWith(used + ".", StringComparison.Ordinal) && !used.StartsWith(ns + ".", StringComparison.Ordinal))
                {
                    (graph.TryGetValue(ns, out var set) ? set : graph[ns] = []).Add(used);
                }
            }
        }

        return graph;
    }

    /// <summary>Each cycle once, as "A -> B -> A", found by depth-first search.</summary>
    private static List<string> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var cycles = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        void Visit(string node)
        {
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                var at = path.IndexOf(next);
                if (at >= 0)
                {
                    cycles.Add(string.Join(" -> ", path.Skip(at).Append(next)));
                }
                else if (!done.Contains(next))
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(node);
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal).Where(n => !done.Contains(n)))
        {
            Visit(node);
        }

        return cycles;
    }

    [GeneratedRegex(@"^namespace (SyncOps[\w.]*);")]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (SyncOps[\w.]*);")]
    private static partial Regex Using();
}
