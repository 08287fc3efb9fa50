using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Conventions;

/// <summary>The repository's C# sources as text, for the rules the compiler does not check (build output left out).</summary>
internal static class SourceFiles
{
    /// <summary>Every .cs file under <paramref name="folder"/> (relative to the repository root), with its path relative to the root.</summary>
    public static IEnumerable<(string Path, string[] Lines)> Under(string folder)
    {
        var root = RepositoryFiles.Resolve("");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!relative.Contains("/obj/", StringComparison.Ordinal) && !relative.Contains("/bin/", StringComparison.Ordinal))
            {
                yield return (relative, File.ReadAllLines(file));
            }
        }
    }
}
