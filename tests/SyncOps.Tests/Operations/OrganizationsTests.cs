using SyncOps.Operations;

namespace SyncOps.Tests.Operations;

/// <summary>Adding users to organisations (what <c>syncops user add</c> does).</summary>
public sealed class OrganizationsTests : DatabaseTest
{
    [Fact]
    public async Task AddUser_NewOrganisation_CreatesItAndMakesItTheHome()
    {
        var orgId = TestDatabase.NewOrgId();

        var userId = await new Organizations(DataSource).AddUserAsync(orgId, email: "ada@example.com");

        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.organizations where org_id = $1", orgId));
        var user = await RowAsync("select org_id, email from syncops_auth.users_extended where id = $1", userId);
        Assert.Equal(orgId, user["org_id"]);
        Assert.Equal("ada@example.com", user["email"]);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.organization_members where user_id = $1", userId));
    }

    [Fact]
    public async Task AddUser_ExistingUserToSecondOrganisation_BecomesMemberAndSeesItsSyncs()
    {
        var home = TestDatabase.NewOrgId();
        var second = TestDatabase.NewOrgId();
        var organizations = new Organizations(DataSource);
        var userId = await organizations.AddUserAsync(home);
        await SyncRows.InsertAsync(DataSource, second, "sync-1", 10);

        Assert.Equal(userId, await organizations.AddUserAsync(second, userId));
        await organizations.AddUserAsync(second, userId);

        Assert.Equal(home, await ScalarAsync<string>("select org_id from syncops_auth.users_extended where id = $1", userId));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.organization_members where user_id = $1 and org_id = $2", userId, second));
        var visible = await AsRoleAsync("authenticated", userId, connection =>
            Sql.ScalarAsync<long>(connection, "select count(*) from public.sync_progress where org_id = $1", second));
        Assert.Equal(1L, visible);
    }

    [Fact]
    public async Task AddUser_HomeOrganisationAgain_AddsNoMembership()
    {
        var orgId = TestDatabase.NewOrgId();
        var organizations = new Organizations(DataSource);
        var userId = await organizations.AddUserAsync(orgId);

        await organizations.AddUserAsync(orgId, userId);

        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.organization_members where user_id = $1", userId));
    }
}
