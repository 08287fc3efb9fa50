namespace SyncOps.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (docs/ that tests keep in step with the code).</summary>
public static class RepositoryFiles
{
    /// <summary>The full path of a file given relative to the repository root (the folder holding SyncOps.sln).</summary>
    public static string Resolve(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SyncOps.sln")))
            {
                return Path.Combine(directory.FullName, relativePath);
            }
        }

        throw new InvalidOperationException($"no SyncOps.sln above {AppContext.BaseDirectory}");
    }
}
