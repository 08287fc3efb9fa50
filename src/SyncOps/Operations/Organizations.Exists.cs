using SyncOps.Database;

namespace SyncOps.Operations;

public sealed partial class Organizations
{
    /// <summary>Whether the organisation exists, so that a typo in an org id is not mistaken for "nothing running".</summary>
    public async Task<bool> ExistsAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from public.organizations where org_id = $1)")
            .AddValues(orgId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
