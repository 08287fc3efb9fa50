using System.Text.Json.Nodes;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Issue 13's new features never reach rows row-level security hides: organisation <c>other</c> owns messages 190 and
/// 191 (191 sits in acme's channel 10), user 9 and channel 19; acme's message 103 points at user 9.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class HostileFeatureTests : ConformanceTest
{
    [Fact]
    public async Task Aggregates_NeverCountHiddenRows()
    {
        AssertJson(await GetAsync("messages?select=count(),id.max()"), 200, """[{"count":4,"max":103}]""");
        AssertJson(await GetAsync("messages?select=channel_id,count()&channel_id=eq.10"), 200, """[{"channel_id":10,"count":3}]""");
    }

    [Fact]
    public async Task Aggregates_AsAnon_CountNothing() =>
        AssertJson(await SendAsync(HttpMethod.Get, "/rest/v1/messages?select=count()", Conformance.AnonKey), 200, """[{"count":0}]""");

    [Fact]
    public async Task EmbeddedAggregate_ThroughAHiddenParentsKey_SeesNothing() =>
        AssertJson(await GetAsync("messages?select=id,author:users!messages_user_id_fkey(id,channels!owner_id(count()))&id=eq.103"), 200,
            """[{"id":103,"author":null}]""");

    [Fact]
    public async Task Embed_NeverReachesAnotherOrganisationsRows() =>
        AssertJson(await GetAsync("channels?select=id,channel_members(user_id),messages(id)&id=eq.10&channel_members.order=user_id&messages.order=id"), 200,
            """[{"id":10,"channel_members":[{"user_id":1},{"user_id":2}],"messages":[{"id":100},{"id":101},{"id":103}]}]""");

    [Fact]
    public async Task RelatedOrder_OnAHiddenRow_OrdersAsNull() =>
        AssertJson(await GetAsync("messages?select=id,users!messages_user_id_fkey(username)&channel_id=eq.10&order=users(username).desc.nullsfirst,id"), 200,
            """[{"id":103,"users":null},{"id":101,"users":{"username":"bob"}},{"id":100,"users":{"username":"alice"}}]""");

    [Fact]
    public async Task Explain_AsAnon_ScansNothing()
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/messages?select=id", Conformance.AnonKey,
            headers: ("Accept", "application/vnd.pgrst.plan+json; options=analyze"));
        Assert.Equal(200, response.Status);
        var plan = JsonNode.Parse(response.Body)![0]!["Plan"]!;
        Assert.Equal(1, plan["Actual Rows"]!.GetValue<int>()); // the one aggregate row, "[]"
        Assert.DoesNotContain("Rows Removed", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Actual Rows\": 6", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputedField_FilterOnHiddenRows_FindsNothing() =>
        AssertJson(await GetAsync("users?select=id&full_name=eq.mallory%239"), 200, "[]");
}
