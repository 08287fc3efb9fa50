namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary><c>PUT</c> single-row upsert (PostgREST docs, "Upsert", "PUT"): by primary key, filters and payload agreeing.</summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class PutConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Put_InsertsThenReplaces()
    {
        try
        {
            var inserted = await SendAsync(HttpMethod.Put, "/rest/v1/channels?id=eq.80&select=id,slug", Token,
                """{"id":80,"org_id":"acme","slug":"first"}""", ("Prefer", "return=representation"));
            AssertJson(inserted, 200, """[{"id":80,"slug":"first"}]""");
            var replaced = await SendAsync(HttpMethod.Put, "/rest/v1/channels?id=eq.80", Token,
                """{"id":80,"org_id":"acme","slug":"second"}""");
            Assert.Equal(204, replaced.Status);
            AssertJson(await GetAsync("channels?select=slug&id=eq.80"), 200, """[{"slug":"second"}]""");
        }
        finally
        {
            await using var cleanup = Conformance.DataSource.CreateCommand("delete from public.channels where id = 80");
            await cleanup.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Put_FilterNotThePrimaryKey_Pgrst105() => AssertJson(
        await SendAsync(HttpMethod.Put, "/rest/v1/channels?slug=eq.x", Token, """{"id":81,"org_id":"acme","slug":"x"}"""), 405,
        """{"code":"PGRST105","details":null,"hint":null,"message":"Filters must include all and only primary key columns with 'eq' operators"}""");

    [Fact]
    public async Task Put_PayloadDisagreesWithUrl_Pgrst115() => AssertJson(
        await SendAsync(HttpMethod.Put, "/rest/v1/channels?id=eq.82", Token, """{"id":83,"org_id":"acme","slug":"x"}"""), 400,
        """{"code":"PGRST115","details":null,"hint":null,"message":"Payload values do not match URL in primary key column(s)"}""");

    [Fact]
    public async Task Put_WithLimit_Pgrst114() => AssertJson(
        await SendAsync(HttpMethod.Put, "/rest/v1/channels?id=eq.84&limit=1", Token, """{"id":84,"org_id":"acme","slug":"x"}"""), 400,
        """{"code":"PGRST114","details":null,"hint":null,"message":"limit/offset querystring parameters are not allowed for PUT"}""");
}
