using SyncOps.Operations;

namespace SyncOps.Tests.Operations;

/// <summary><see cref="Organizations.ExistsAsync"/>: what lets <c>syncops status</c> tell a typo from an idle organisation.</summary>
public sealed class OrganizationsExistsTests : DatabaseTest
{
    [Fact]
    public async Task Exists_AfterAddUser_TrueAndFalseForAnother()
    {
        var orgId = TestDatabase.NewOrgId();
        var organizations = new Organizations(DataSource);

        await organizations.AddUserAsync(orgId);

        Assert.True(await organizations.ExistsAsync(orgId));
        Assert.False(await organizations.ExistsAsync(TestDatabase.NewOrgId()));
    }
}
