namespace SyncOps.Tests.Infrastructure;

/// <summary>
/// Tests that call database-wide housekeeping (preview-cache cleanup, stale-sync timeout, partition retention,
/// maintenance runs) run one after another in this collection, so that one test's sweep cannot take away rows another
/// test is about to count. Every other test class runs in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HousekeepingTests
{
    public const string Name = "database-wide housekeeping";
}
