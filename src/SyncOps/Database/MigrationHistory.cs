namespace SyncOps.Database;

/// <summary>
/// Migrations whose text changed after databases applied them. A migration is never edited lightly (the checksum
/// guards against it); when one had to be, to install on Supabase without owning its objects (docs/supabase.md), its
/// earlier checksums are listed here, each with the upgrade script (<c>Database/Upgrades/NAME.sql</c>) that brings a
/// database which applied that text to what the current text creates, or no script when both create the same thing.
/// </summary>
public static class MigrationHistory
{
    // 0001 first put users_extended and org_ids() in the auth schema, which Supabase's postgres role may not write to.
    // The others only called auth.org_ids() by that name in their policies; the upgrade of 0001 moves the function,
    // and the policies follow it by oid, so they need no script.
    private static readonly PreviousVersion[] s_versions =
    [
        new("0001_auth_and_organizations.sql", "ebb0b7690c6fe47c5f8af940b2ef63dfe6646fd6ca4849f719337f46ed001074", "0001_auth_and_organizations"),
        new("0003_sync_activity_log.sql", "fa0340c3beda89c8d2b7da788d4bc82722dbaac7404d703452c0366f9a7489fe", null),
        new("0004_sync_preview_cache.sql", "c26da93f58950324b73b6f8102ff56c3f0168f3b0724e618a3661c8a1d4301a1", null),
        new("0020_connections.sql", "6ebab028ed1adee1c42b76596bab9ce4ff144da2973272186d947c2ce70817a3", null),
        new("0021_canonical_records.sql", "6f4aaa3dc59e299dc47089ef6f7fac36da5b7e8ee32a94453e9bd54132155eeb", null),
        new("0022_sync_engine.sql", "4ee628b17cb0f654ad77e0e197352013bf3606250248f0b76558d12a67f6fbea", null),
    ];

    /// <summary>Every earlier version listed.</summary>
    public static IReadOnlyList<PreviousVersion> All => s_versions;

    /// <summary>The earlier version of <paramref name="name"/> with this checksum, or null when there is none.</summary>
    public static PreviousVersion? Find(string name, string checksum) =>
        s_versions.FirstOrDefault(v => v.Name == name && v.Checksum == checksum);
}
