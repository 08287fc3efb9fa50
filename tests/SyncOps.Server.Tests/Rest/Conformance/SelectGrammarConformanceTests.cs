namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Vertical filtering (PostgREST docs, "Renaming columns", "Casting columns", "JSON columns"): aliases, casts and JSON
/// paths in select, filters and order.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class SelectGrammarConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Alias_RenamesTheKey() => AssertJson(
        await GetAsync("users?select=name:username&id=eq.1"), 200, """[{"name":"alice"}]""");

    [Fact]
    public async Task Cast_ChangesTheJsonType() => AssertJson(
        await GetAsync("users?select=id::text,username&id=eq.1"), 200, """[{"id":"1","username":"alice"}]""");

    [Fact]
    public async Task JsonArrow_KeepsJson_KeyIsTheLastPathKey() => AssertJson(
        await GetAsync("users?select=id,profile->address&id=eq.1"), 200, """[{"id":1,"address":{"city":"Paris"}}]""");

    [Fact]
    public async Task JsonDoubleArrow_GivesText_WithAliasAndArrayIndex() => AssertJson(
        await GetAsync("users?select=tz:profile->>tz,lang:profile->langs->>0&id=eq.2"), 200, """[{"tz":"CET","lang":"de"}]""");

    [Fact]
    public async Task JsonPathWithCast() => AssertJson(
        await GetAsync("messages?select=n:data->n::int&id=eq.100"), 200, """[{"n":1}]""");

    [Fact]
    public async Task JsonPath_AbsentKeyIsNull() => AssertJson(
        await GetAsync("users?select=profile->>nope&id=eq.1"), 200, """[{"nope":null}]""");

    [Fact]
    public async Task FilterOnJsonText() => AssertJson(
        await GetAsync("users?select=username&profile->>tz=eq.UTC"), 200, """[{"username":"alice"}]""");

    [Fact]
    public async Task FilterOnNestedJsonPath() => AssertJson(
        await GetAsync("messages?select=id&data->a->>b=eq.y"), 200, """[{"id":101}]""");

    [Fact]
    public async Task FilterOnJsonValue_ComparesAsJson() => AssertJson(
        await GetAsync("messages?select=id&data->n=eq.2"), 200, """[{"id":101}]""");

    [Fact]
    public async Task JsonPathInsideLogicTree() => AssertJson(
        await GetAsync("users?select=username&or=(profile->>tz.eq.CET,username.eq.carol)&order=id"), 200,
        """[{"username":"bob"},{"username":"carol"}]""");

    [Fact]
    public async Task OrderByJsonPath() => AssertJson(
        await GetAsync("messages?select=id&data=not.is.null&order=data->n.desc"), 200, """[{"id":101},{"id":100}]""");

    [Fact]
    public async Task UnknownColumnInPath_42703() => AssertJson(
        await GetAsync("users?select=nope->>a"), 400,
        """{"code":"42703","details":null,"hint":null,"message":"column users.nope does not exist"}""");

    [Fact]
    public async Task EmptyItem_Pgrst100()
    {
        var response = await GetAsync("users?select=id,,username");
        Assert.Equal(400, response.Status);
        Assert.Equal("PGRST100", response.ErrorCode);
        Assert.Equal("\"failed to parse select parameter (id,,username)\" (line 1, column 4)", response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CastWithSqlInIt_Pgrst100NeverReachesTheDatabase()
    {
        var response = await GetAsync("users?select=id::text;drop table users");
        Assert.Equal(400, response.Status);
        Assert.Equal("PGRST100", response.ErrorCode);
    }
}
