namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Exposed schemas (PostgREST docs, "Schemas"; supabase-js <c>.schema('reports')</c> sends Accept-Profile on reads and
/// Content-Profile on writes) and views.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class SchemaConformanceTests : ConformanceTest
{
    [Fact]
    public async Task AcceptProfile_ReadsTheOtherSchema_AndNamesItInTheResponse()
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/daily?select=total", Token, headers: ("Accept-Profile", "reports"));
        AssertJson(response, 200, """[{"total":42}]""");
        Assert.Equal("reports", response.Header("Content-Profile"));
    }

    [Fact]
    public async Task ContentProfile_WritesTheOtherSchema()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/daily?select=id,total", Token,
            """{"id":50,"org_id":"acme","total":5}""", ("Content-Profile", "reports"), ("Prefer", "return=representation"));
        try
        {
            AssertJson(response, 201, """[{"id":50,"total":5}]""");
        }
        finally
        {
            await using var cleanup = Conformance.DataSource.CreateCommand("delete from reports.daily where id = 50");
            await cleanup.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task SchemaNotExposed_Pgrst106ListsTheExposedOnes() => AssertJson(
        await SendAsync(HttpMethod.Get, "/rest/v1/daily", Token, headers: ("Accept-Profile", "auth")), 406,
        """{"code":"PGRST106","details":null,"hint":"Only the following schemas are exposed: public, reports","message":"Invalid schema: auth"}""");

    [Fact]
    public async Task TableOfAnotherSchema_WithoutProfile_Pgrst205() => AssertJson(
        await GetAsync("daily"), 404,
        """{"code":"PGRST205","details":null,"hint":null,"message":"Could not find the table 'public.daily' in the schema cache"}""");

    [Fact]
    public async Task View_IsExposed_AndItsSecurityInvokerAppliesRls() => AssertJson(
        await GetAsync("channel_stats?select=slug,message_count&order=id"), 200,
        """[{"slug":"general","message_count":3},{"slug":"random","message_count":1},{"slug":"empty","message_count":0}]""");

    [Fact]
    public async Task OtherOrganisationsRowsOfTheOtherSchema_AreNotVisible() => AssertJson(
        await SendAsync(HttpMethod.Get, "/rest/v1/daily?select=id&order=id", Token, headers: ("Accept-Profile", "reports")), 200,
        """[{"id":1}]""");
}
