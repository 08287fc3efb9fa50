namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>Operators (PostgREST docs, "Operators", "Full-Text Search"): full-text, ranges, quantified patterns, isdistinct.</summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class FilterConformanceTests : ConformanceTest
{
    [Theory]
    [InlineData("search=fts.fox", """[{"id":101}]""")]
    [InlineData("search=fts(english).jumping", """[{"id":102}]""")]
    [InlineData("body=plfts(english).lazy%20dog", """[{"id":102}]""")]
    [InlineData("search=phfts(english).quick%20brown", """[{"id":101}]""")]
    [InlineData("search=wfts(english).hello%20or%20fox", """[{"id":100},{"id":101}]""")]
    [InlineData("search=not.wfts(english).fox", """[{"id":100},{"id":102},{"id":103}]""")]
    public async Task FullTextSearch(string filter, string expected) => AssertJson(
        await GetAsync($"messages?select=id&{filter}&order=id"), 200, expected);

    [Theory]
    [InlineData("sl.[2025-01-02T12:00:00Z,2025-01-05T00:00:00Z)", """[{"id":100}]""")]
    [InlineData("sr.[2024-12-01T00:00:00Z,2025-01-02T12:00:00Z)", """[{"id":101}]""")]
    [InlineData("nxr.[2025-01-01T00:00:00Z,2025-01-02T00:00:00Z)", """[{"id":100}]""")]
    [InlineData("nxl.[2025-01-03T00:00:00Z,2025-01-09T00:00:00Z)", """[{"id":101}]""")]
    [InlineData("adj.[2025-01-02T00:00:00Z,2025-01-03T00:00:00Z)", """[{"id":100},{"id":101}]""")]
    [InlineData("ov.[2025-01-03T12:00:00Z,2025-01-03T13:00:00Z)", """[{"id":101}]""")]
    public async Task RangeOperators(string filter, string expected) => AssertJson(
        await GetAsync($"messages?select=id&during={filter}&order=id"), 200, expected);

    [Theory]
    [InlineData("username=like(any).{a*,*ol}", """[{"username":"alice"},{"username":"carol"}]""")]
    [InlineData("username=ilike(all).{*A*,*i*}", """[{"username":"alice"}]""")]
    [InlineData("username=not.like(any).{a*,b*}", """[{"username":"carol"}]""")]
    [InlineData("manager_id=isdistinct.1", """[{"username":"alice"}]""")]
    [InlineData("id=eq(any).{2,3}", """[{"username":"bob"},{"username":"carol"}]""")]
    public async Task QuantifiedAndDistinct(string filter, string expected) => AssertJson(
        await GetAsync($"users?select=username&{filter}&order=id"), 200, expected);

    [Fact]
    public async Task FullTextWithUnknownLanguage_IsPostgresError()
    {
        var response = await GetAsync("messages?select=id&search=fts(klingon).fox");
        Assert.Equal(400, response.Status);
        Assert.Equal("42704", response.ErrorCode);
    }
}
