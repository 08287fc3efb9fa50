namespace SyncOps.Embedded;

/// <summary>What <c>syncops db status</c> reports.</summary>
public sealed record EmbeddedPostgresStatus(bool Initialized, bool Running, int? Port, string DataDirectory, int MajorVersion);
