namespace SyncOps.Database;

/// <summary>An earlier text of a migration, known by its checksum, and the upgrade script that replaces it (if any).</summary>
public sealed record PreviousVersion(string Name, string Checksum, string? UpgradeScript);
