namespace SyncOps.Cli.Tests.Infrastructure;

/// <summary>
/// Commands that sweep the whole database run one after another in this collection: `demo` starts a server whose
/// automatic upkeep times out stale syncs everywhere, which would take away the sync `maintenance run` is tested on.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HousekeepingTests
{
    public const string Name = "database-wide housekeeping";
}
