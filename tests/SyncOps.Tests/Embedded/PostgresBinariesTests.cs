using SyncOps.Embedded;

namespace SyncOps.Tests.Embedded;

/// <summary>Finding the PostgreSQL server programs: the configured directory (from the settings) comes first.</summary>
public sealed class PostgresBinariesTests
{
    [Fact]
    public void Locate_ConfiguredDirectory_IsTheOneUsed()
    {
        var installed = PostgresBinaries.Locate(null);
        // A directory no search would find by itself: links to the installed programs under a name that is no version.
        var configured = Path.Combine(Path.GetTempPath(), "syncops-pgbin-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(configured);
        try
        {
            File.CreateSymbolicLink(Path.Combine(configured, "postgres"), Path.Combine(installed.BinDirectory, "postgres"));
            File.CreateSymbolicLink(Path.Combine(configured, "initdb"), installed.InitDb);

            var located = PostgresBinaries.Locate(configured);

            Assert.Equal((configured, installed.MajorVersion), (located.BinDirectory, located.MajorVersion));
        }
        finally
        {
            Directory.Delete(configured, recursive: true);
        }
    }
}
