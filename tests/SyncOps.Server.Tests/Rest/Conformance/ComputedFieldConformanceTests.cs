namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Computed fields (PostgREST docs, "Computed fields"): <c>full_name(users)</c> reads as a column of <c>users</c> in
/// select, filters and order, but is not part of <c>*</c>.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class ComputedFieldConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Select_WithAlias() =>
        AssertJson(await GetAsync("users?select=id,name:full_name&id=eq.2"), 200, """[{"id":2,"name":"bob#2"}]""");

    [Fact]
    public async Task Filter() =>
        AssertJson(await GetAsync("users?select=id&full_name=eq.carol%233"), 200, """[{"id":3}]""");

    [Fact]
    public async Task Order() =>
        AssertJson(await GetAsync("users?select=id&order=full_name.desc"), 200, """[{"id":3},{"id":2},{"id":1}]""");

    [Fact]
    public async Task InAnEmbed() =>
        AssertJson(await GetAsync("channels?select=slug,users!owner_id(full_name)&id=eq.11"), 200,
            """[{"slug":"random","users":{"full_name":"bob#2"}}]""");

    [Fact]
    public async Task Star_LeavesItOut() =>
        AssertJson(await GetAsync("user_settings?select=*,users(*)&user_id=eq.1"), 200,
            """[{"user_id":1,"org_id":"acme","theme":"dark","users":{"id":1,"org_id":"acme","username":"alice","manager_id":null,"profile":{"tz": "UTC", "langs": ["en", "fr"], "address": {"city": "Paris"}}}}]""");
}
