namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Functions (PostgREST docs, "Functions as RPC"): a set-returning function filtered, ordered and selected like a
/// table (and under row-level security, being SECURITY INVOKER); a function taking the body whole, either through a
/// single unnamed json parameter or with <c>Prefer: params=single-object</c>.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class RpcConformanceTests : ConformanceTest
{
    [Fact]
    public async Task SetReturning_FilteredLikeATable_HiddenRowsAbsent() =>
        AssertJson(await GetAsync("rpc/channel_messages?p_channel=10&select=id,body&id=lt.103&order=id.desc"), 200,
            """[{"id":101,"body":"the quick brown fox"},{"id":100,"body":"hello world"}]""");

    [Fact]
    public async Task SetReturning_AllVisibleRows() =>
        AssertJson(await GetAsync("rpc/channel_messages?p_channel=10&select=id&order=id"), 200, """[{"id":100},{"id":101},{"id":103}]""");

    [Fact]
    public async Task SingleObject_PassesTheBodyAsTheOneArgument() =>
        AssertJson(await PostAsync("rpc/count_keys", """{"a":1,"b":[2],"c":null}""", ("Prefer", "params=single-object")), 200, "3");

    [Fact]
    public async Task WithoutSingleObject_TheKeysAreArgumentNames() =>
        AssertJson(await PostAsync("rpc/count_keys", """{"a":1}"""), 404,
            """{"code":"PGRST202","details":"Searched for the function public.count_keys with parameters a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.","hint":"Perhaps you meant to call the function public.count_keys(payload)","message":"Could not find the function public.count_keys(a) in the schema cache"}""");

    [Fact]
    public async Task UnnamedJsonParameter_TakesTheBodyWhole() =>
        AssertJson(await PostAsync("rpc/echo_body", """{"x":[1,2],"y":{"z":null}}"""), 200, """{"x":[1,2],"y":{"z":null}}""");

    [Fact]
    public async Task SetReturning_StrippedNulls() =>
        AssertJson(await GetAsync("rpc/channel_messages?p_channel=10&select=id,edited_by&id=lt.102&order=id",
            ("Accept", "application/vnd.pgrst.array+json;nulls=stripped")), 200, """[{"id":100},{"id":101,"edited_by":1}]""");

    [Fact]
    public async Task Plan_OfACall()
    {
        var response = await GetAsync("rpc/channel_messages?p_channel=10&select=id", ("Accept", "application/vnd.pgrst.plan+json"));
        Assert.Equal(200, response.Status);
        Assert.Equal("Aggregate", System.Text.Json.Nodes.JsonNode.Parse(response.Body)![0]!["Plan"]!["Node Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnalyzedPlan_OfAVolatileCall_ChangesNothing()
    {
        var response = await PostAsync("rpc/add_channel", """{"p_id":77,"p_slug":"planned"}""", ("Accept", "application/vnd.pgrst.plan; options=analyze"));
        Assert.Equal(200, response.Status);
        Assert.StartsWith("Result", response.Body, StringComparison.Ordinal);
        await using var check = Conformance.DataSource.CreateCommand("select count(*) from public.channels where id = 77");
        Assert.Equal(0L, (long)(await check.ExecuteScalarAsync())!);
    }

    private Task<Response> PostAsync(string path, string body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, "/rest/v1/" + path, Token, body, headers);
}
