using Npgsql;
using SyncOps.Security;
using SyncOps.Tests.Database;

namespace SyncOps.Tests.Schema;

/// <summary>
/// syncops_private.create_org_policies (migration 0040), the one way a tenant table gets its row-level security. The
/// probe tables live in a transaction that is rolled back, so the shared database never sees them.
/// </summary>
public sealed class OrgPoliciesTests : DatabaseTest
{
    [Fact]
    public async Task CreateOrgPolicies_NewTable_MembersReadAndInsertOnlyTheirOrganisation()
    {
        var mine = TestDatabase.NewOrgId();
        var theirs = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(mine);
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, """
            create table public.org_policy_probe (org_id text not null, note text, primary key (org_id, note));
            grant select, insert, update on public.org_policy_probe to authenticated;
            select syncops_private.create_org_policies('public.org_policy_probe', array['select', 'insert']);
            """);
        await Sql.ExecuteAsync(connection, "insert into public.org_policy_probe values ($1, 'mine'), ($2, 'theirs')", mine, theirs);
        await UserSession.ActAsAsync(connection,
            new UserContext("authenticated", $$"""{"role":"authenticated","sub":"{{userId}}"}""") { StatementTimeout = TimeSpan.FromMinutes(1) },
            CancellationToken.None);

        var visible = await Sql.ScalarAsync<string[]>(connection, "select array_agg(org_id order by org_id) from public.org_policy_probe");
        var ownInsert = await Sql.ExecuteAsync(connection, "insert into public.org_policy_probe values ($1, 'new')", mine);
        var foreignInsert = await Sql.FailsAsync(connection, "insert into public.org_policy_probe values ($1, 'new')", theirs);
        // update was granted but not listed: no policy allows it, so it touches nothing.
        var updated = await Sql.ExecuteAsync(connection, "update public.org_policy_probe set note = note || '!' where org_id = $1", mine);

        Assert.Equal([mine], visible!);
        Assert.Equal(1, ownInsert);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, foreignInsert.SqlState);
        Assert.Equal(0, updated);
    }

    [Fact]
    public async Task CreateOrgPolicies_CalledAgainWithFewerCommands_DropsTheOthers()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, """
            create table public.org_policy_probe (org_id text not null);
            select syncops_private.create_org_policies('public.org_policy_probe');
            select syncops_private.create_org_policies('public.org_policy_probe', array['select']);
            """);

        var policies = await Sql.ScalarAsync<string[]>(connection,
            "select array_agg(policyname::text order by policyname) from pg_policies where tablename = 'org_policy_probe'");

        Assert.Equal(["org_policy_probe_member_read"], policies!);
    }

    [Fact]
    public async Task CreateOrgPolicies_UnknownCommand_RejectedWithInvalidParameter()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Sql.FailsAsync(connection,
            "select syncops_private.create_org_policies('public.sync_progress', array['select', 'truncate'])");

        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, error.SqlState);
        Assert.Contains("truncate", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTenantTable_HasRowLevelSecurityAndTheMemberReadPolicy()
    {
        await using var connection = await DataSource.OpenConnectionAsync();

        var unprotected = await Sql.ScalarAsync<string[]>(connection, """
            select coalesce(array_agg(n.nspname || '.' || c.relname order by n.nspname, c.relname), '{}')
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and (n.nspname in ('public', 'auth') or n.nspname like 'syncops\_%')
              and not n.nspname || '.' || c.relname = any ($1)
              and (not c.relrowsecurity
                   or not exists (select from pg_policy p where p.polrelid = c.oid and p.polname = c.relname || '_member_read'))
            """, (object)DistributionRules.CoordinatorTables.Keys.Concat(["syncops_private.server_secrets"]).ToArray());

        Assert.Empty(unprotected!);
    }
}
