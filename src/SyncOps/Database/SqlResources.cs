using System.Reflection;

namespace SyncOps.Database;

/// <summary>The static SQL embedded in this library: the migrations. A missing resource fails loudly.</summary>
public static class SqlResources
{
    private const string MigrationPrefix = "SyncOps.Migrations.";
    private const string UpgradePrefix = "SyncOps.Upgrades.";
    private static readonly Assembly s_assembly = typeof(SqlResources).Assembly;

    /// <summary>The upgrade script <c>Database/Upgrades/NAME.sql</c> (see <see cref="MigrationHistory"/>).</summary>
    public static string Upgrade(string name) => Read(UpgradePrefix + name + ".sql");

    /// <summary>Every migration script as (file name, text), in the order they apply.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Migrations() =>
        s_assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(MigrationPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[MigrationPrefix.Length..], Read(name)))
            .ToList();

    private static string Read(string resourceName)
    {
        using var stream = s_assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded SQL '{resourceName}' does not exist");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
