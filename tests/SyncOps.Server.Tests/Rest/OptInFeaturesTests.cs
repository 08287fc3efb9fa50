using SyncOps.Configuration;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest;

/// <summary>
/// Aggregates and plans are opt-in, as in PostgREST (db-aggregates-enabled, db-plan-enabled, both off by default): the
/// main test server runs with the defaults, the conformance server with both on.
/// </summary>
public sealed class OptInFeaturesTests : ServerTest
{
    [Fact]
    public async Task Aggregates_OffByDefault_Pgrst123()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=count()", token);
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"code":"PGRST123","details":null,"hint":null,"message":"Use of aggregate functions is not allowed"}""", response.Body);
    }

    [Fact]
    public async Task Aggregates_OffByDefault_AlsoInsideAnEmbedAndOnRpc()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        var embedded = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=sync_id,organizations(org_id.count())", token);
        var rpc = await SendAsync(HttpMethod.Get, "/rest/v1/rpc/report_slow_syncs?select=count()", token);
        Assert.Equal(400, embedded.Status);
        Assert.Contains("\"PGRST123\"", embedded.Body, StringComparison.Ordinal);
        Assert.Equal(400, rpc.Status);
        Assert.Contains("\"PGRST123\"", rpc.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OffByDefault_406()
    {
        var (_, token) = await CreateUserAsync(NewOrgId());
        const string accept = "application/vnd.pgrst.plan+json; for=\"application/json\"; options=analyze;";
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/sync_progress?select=sync_id", token, headers: ("Accept", accept));
        Assert.Equal(406, response.Status);
        Assert.Equal($$"""{"code":"PGRST107","details":null,"hint":null,"message":"None of these media types are available: {{accept.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""",
            response.Body);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    public void Settings_ReadBothFlags(string? value, bool expected)
    {
        var settings = SyncOpsSettings.FromVariables(name =>
            name is SyncOpsSettings.DbAggregatesEnabledVariable or SyncOpsSettings.DbPlanEnabledVariable ? value : null);
        Assert.Equal(expected, settings.DbAggregatesEnabled);
        Assert.Equal(expected, settings.DbPlanEnabled);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void Settings_PreparedStatementsOnUnlessTurnedOff(string? value, bool expected)
    {
        var settings = SyncOpsSettings.FromVariables(name => name == SyncOpsSettings.DbPreparedStatementsVariable ? value : null);
        Assert.Equal(expected, settings.DbPreparedStatements);
    }
}
