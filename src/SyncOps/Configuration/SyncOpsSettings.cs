namespace SyncOps.Configuration;

/// <summary>Where SyncOps finds its database: <c>SYNCOPS_DATABASE_URL</c>, or else its own cluster in the data folder.</summary>
public sealed record SyncOpsSettings(string? DatabaseUrl, string DataDirectory)
{
    public const string DatabaseUrlVariable = "SYNCOPS_DATABASE_URL";
    public const string DataDirectoryVariable = "SYNCOPS_DATA_DIR";

    public bool UsesEmbeddedDatabase => string.IsNullOrWhiteSpace(DatabaseUrl);

    public static SyncOpsSettings FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(DatabaseUrlVariable);
        var dataDirectory = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        return new SyncOpsSettings(
            string.IsNullOrWhiteSpace(url) ? null : url,
            string.IsNullOrWhiteSpace(dataDirectory)
                ? Path.Combine(Environment.CurrentDirectory, ".syncops")
                : Path.GetFullPath(dataDirectory));
    }
}
