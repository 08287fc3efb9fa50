namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// <c>nulls=stripped</c> and GeoJSON (PostgREST docs, "Stripped nulls", "GeoJSON"; MediaType.hs). GeoJSON needs
/// PostGIS, which SyncOps does not load: PostgREST without PostGIS answers 406 PGRST107, and so does SyncOps.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class MediaConformanceTests : ConformanceTest
{
    [Fact]
    public async Task StrippedArray_DropsNullKeys()
    {
        var response = await GetAsync("users?select=id,manager_id,profile&id=in.(1,3)&order=id",
            ("Accept", "application/vnd.pgrst.array+json;nulls=stripped"));
        AssertJson(response, 200, """[{"id":1,"profile":{"tz":"UTC","langs":["en","fr"],"address":{"city":"Paris"}}},{"id":3,"manager_id":1}]""");
        Assert.Equal("application/vnd.pgrst.array+json;nulls=stripped;charset=utf-8", WithoutSpaces(response.Header("Content-Type")));
    }

    [Fact]
    public async Task StrippedObject_DropsNullKeys()
    {
        var response = await GetAsync("users?select=id,manager_id&id=eq.1", ("Accept", "application/vnd.pgrst.object+json;nulls=stripped"));
        AssertJson(response, 200, """{"id":1}""");
        Assert.Equal("application/vnd.pgrst.object+json;nulls=stripped;charset=utf-8", WithoutSpaces(response.Header("Content-Type")));
    }

    [Fact]
    public async Task ArrayWithoutStripping_KeepsNulls() =>
        AssertJson(await GetAsync("users?select=id,manager_id&id=eq.1", ("Accept", "application/vnd.pgrst.array+json")), 200,
            """[{"id":1,"manager_id":null}]""");

    [Fact]
    public async Task StrippedArray_OnAWriteRepresentation_DropsNullKeys()
    {
        // PostgREST chooses the body's aggregate from the negotiated media type for writes as for reads (Statements.hs).
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/channels", Token,
            """{"id":73,"org_id":"acme","slug":"stripped"}""",
            ("Prefer", "return=representation, tx=rollback"), ("Accept", "application/vnd.pgrst.array+json;nulls=stripped"));
        AssertJson(response, 201, """[{"id":73,"org_id":"acme","slug":"stripped"}]""");
        Assert.Equal("application/vnd.pgrst.array+json;nulls=stripped;charset=utf-8", WithoutSpaces(response.Header("Content-Type")));
    }

    [Fact]
    public async Task StrippedObject_OnAnUpdateRepresentation_DropsNullKeys()
    {
        var response = await SendAsync(HttpMethod.Patch, "/rest/v1/users?id=eq.1&select=id,manager_id,username", Token,
            """{"username":"alice"}""",
            ("Prefer", "return=representation, tx=rollback"), ("Accept", "application/vnd.pgrst.object+json;nulls=stripped"));
        AssertJson(response, 200, """{"id":1,"username":"alice"}""");
        Assert.Equal("application/vnd.pgrst.object+json;nulls=stripped;charset=utf-8", WithoutSpaces(response.Header("Content-Type")));
    }

    [Fact]
    public async Task GeoJson_WithoutPostgis_Is406() =>
        AssertJson(await GetAsync("users?select=id", ("Accept", "application/geo+json")), 406,
            """{"code":"PGRST107","details":null,"hint":null,"message":"None of these media types are available: application/geo+json"}""");

    /// <summary>HttpClient re-joins media type parameters with "; ", so the comparison ignores spaces.</summary>
    private static string WithoutSpaces(string? value) => (value ?? "").Replace(" ", "", StringComparison.Ordinal);
}
