using Npgsql;

namespace SyncOps.Tests.Schema;

/// <summary>
/// Row-level security as PostgREST exercises it: role and JWT claims set through UserSession (AsRoleAsync), as the
/// REST API sets them. Each test seeds one row in the user's organisation and one in a stranger's.
/// </summary>
public sealed class RowLevelSecurityTests : DatabaseTest
{
    public static TheoryData<string> Tables => new() { "sync_progress", "sync_preview_cache", "sync_activity_log" };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Select_AsAuthenticated_SeesOnlyOwnOrganisation(string table)
    {
        var (mine, theirs, userId) = await SeedAsync(table);

        var orgs = await AsRoleAsync("authenticated", userId, connection => Sql.ScalarAsync<string[]>(connection,
            $"select array_agg(distinct org_id) from public.{table} where org_id = any ($1)", (object)new[] { mine, theirs }));

        Assert.Equal([mine], orgs!);
    }

    [Theory]
    [InlineData("sync_progress")]
    [InlineData("sync_preview_cache")]
    public async Task UpdateAndDelete_AsAuthenticated_TouchOnlyOwnOrganisation(string table)
    {
        var (mine, theirs, userId) = await SeedAsync(table);
        object orgs = new[] { mine, theirs };

        var (updated, deleted) = await AsRoleAsync("authenticated", userId, async connection => (
            await Sql.ExecuteAsync(connection, $"update public.{table} set org_id = org_id where org_id = any ($1)", orgs),
            await Sql.ExecuteAsync(connection, $"delete from public.{table} where org_id = any ($1)", orgs)), commit: true);

        Assert.Equal(1, updated);
        Assert.Equal(1, deleted);
        Assert.Equal(1L, await ScalarAsync<long>($"select count(*) from public.{table} where org_id = $1", theirs));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Insert_AsAuthenticatedIntoAnotherOrganisation_RejectedByPolicy(string table)
    {
        var (_, theirs, userId) = await SeedAsync(table);

        var error = await AsRoleAsync("authenticated", userId, connection => Sql.FailsAsync(connection, InsertSql(table), theirs, "new-row"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("new row violates row-level security policy", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Insert_AsAuthenticatedIntoOwnOrganisation_Allowed(string table)
    {
        var (mine, _, userId) = await SeedAsync(table);

        var inserted = await AsRoleAsync("authenticated", userId, connection => Sql.ExecuteAsync(connection, InsertSql(table), mine, "new-row"));

        Assert.Equal(1, inserted);
    }

    [Fact]
    public async Task ActivityLog_AsMember_CannotUpdateOrDeleteEvenOwnRows()
    {
        var (mine, _, userId) = await SeedAsync("sync_activity_log");

        var (updated, deleted) = await AsRoleAsync("authenticated", userId, async connection => (
            await Sql.ExecuteAsync(connection, "update public.sync_activity_log set error_message = 'edited' where org_id = $1", mine),
            await Sql.ExecuteAsync(connection, "delete from public.sync_activity_log where org_id = $1", mine)), commit: true);

        Assert.Equal(0, updated);
        Assert.Equal(0, deleted);
        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from public.sync_activity_log where org_id = $1 and error_message is distinct from 'edited'", mine));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Membership_SecondOrganisation_GrantsAccessToItsRows(string table)
    {
        var (mine, theirs, userId) = await SeedAsync(table);
        await ExecuteAsync("insert into public.organization_members (user_id, org_id) values ($1, $2)", userId, theirs);

        var orgs = await AsRoleAsync("authenticated", userId, connection => Sql.ScalarAsync<string[]>(connection,
            $"select array_agg(distinct org_id order by org_id) from public.{table} where org_id = any ($1)", (object)new[] { mine, theirs }));

        Assert.Equal(new[] { mine, theirs }.Order(StringComparer.Ordinal), orgs);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Anon_SeesNothingAndCannotInsert(string table)
    {
        var (mine, _, _) = await SeedAsync(table);

        var (count, error) = await AsRoleAsync("anon", null, async connection => (
            await Sql.ScalarAsync<long>(connection, $"select count(*) from public.{table} where org_id = $1", mine),
            await Sql.FailsAsync(connection, InsertSql(table), mine, "anon-row")));

        Assert.Equal(0L, count);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task ServiceRole_SeesEveryOrganisation(string table)
    {
        var (mine, theirs, _) = await SeedAsync(table);

        var count = await AsRoleAsync("service_role", null, connection => Sql.ScalarAsync<long>(connection,
            $"select count(*) from public.{table} where org_id = any ($1)", (object)new[] { mine, theirs }));

        Assert.Equal(2L, count);
    }

    [Fact]
    public async Task Partitions_ReadDirectlyAsAuthenticated_PermissionDenied()
    {
        var userId = await CreateUserAsync(TestDatabase.NewOrgId());
        var current = await ScalarAsync<string>(
            "select 'sync_activity_log_' || to_char(now() at time zone 'UTC', 'YYYY_MM')");

        foreach (var partition in new[] { "sync_activity_log_default", current! })
        {
            var error = await AsRoleAsync("authenticated", userId, connection => Sql.FailsAsync(connection, $"select count(*) from public.{partition}"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    [Fact]
    public async Task OrganisationsAndUsers_AsAuthenticated_OnlyOwnOrganisationAndColleaguesVisible()
    {
        var mine = TestDatabase.NewOrgId();
        var theirs = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(mine);
        var colleague = Guid.NewGuid();
        await ExecuteAsync("insert into syncops_auth.users_extended (id, org_id) values ($1, $2)", colleague, mine);
        var stranger = await CreateUserAsync(theirs);

        var (orgs, users, insertError) = await AsRoleAsync("authenticated", userId, async connection => (
            await Sql.ScalarAsync<string[]>(connection, "select array_agg(org_id) from public.organizations where org_id = any ($1)", (object)new[] { mine, theirs }),
            await Sql.ScalarAsync<Guid[]>(connection, "select array_agg(id order by id) from syncops_auth.users_extended where id = any ($1)", (object)new[] { userId, colleague, stranger }),
            await Sql.FailsAsync(connection, "insert into public.organizations (org_id) values ($1)", TestDatabase.NewOrgId())));

        Assert.Equal([mine], orgs!);
        Assert.Equal(new[] { userId, colleague }.Order(), users!);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insertError.SqlState);
    }

    private static string InsertSql(string table) => table switch
    {
        "sync_progress" => "insert into public.sync_progress (org_id, sync_id, entity_type, total_items) values ($1, $2, 'products', 10)",
        "sync_preview_cache" => "insert into public.sync_preview_cache (org_id, sync_type, cache_key, delta_json) values ($1, 'products', $2, '{}')",
        _ => "insert into public.sync_activity_log (org_id, sync_id, action) values ($1, $2, 'note')",
    };

    /// <summary>One row in a new organisation with a user, and one in a stranger's organisation.</summary>
    private async Task<(string Mine, string Theirs, Guid UserId)> SeedAsync(string table)
    {
        var mine = TestDatabase.NewOrgId();
        var theirs = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(mine);
        await CreateUserAsync(theirs);
        await ExecuteAsync(InsertSql(table), mine, "seed");
        await ExecuteAsync(InsertSql(table), theirs, "seed");
        return (mine, theirs, userId);
    }
}
