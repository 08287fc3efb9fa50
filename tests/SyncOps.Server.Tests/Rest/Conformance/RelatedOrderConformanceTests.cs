namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// <c>order=rel(column)</c> (PostgREST docs, "Ordering by related columns"; Plan.hs <c>addRelatedOrders</c>): only on a
/// to-one embed of the select; a to-many one is PGRST118, an embed not selected PGRST108.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class RelatedOrderConformanceTests : ConformanceTest
{
    [Fact]
    public async Task ToOne_OrdersTheParents() =>
        AssertJson(await GetAsync("messages?select=id,channels(slug)&order=channels(slug).desc,id"), 200,
            """[{"id":102,"channels":{"slug":"random"}},{"id":100,"channels":{"slug":"general"}},{"id":101,"channels":{"slug":"general"}},{"id":103,"channels":{"slug":"general"}}]""");

    [Fact]
    public async Task ToOne_ByANumberOrdersAsANumber() =>
        AssertJson(await GetAsync("channels?select=id,owner:users!owner_id(id)&order=owner(id).desc.nullslast&id=lt.13"), 200,
            """[{"id":12,"owner":{"id":3}},{"id":11,"owner":{"id":2}},{"id":10,"owner":{"id":1}}]""");

    [Fact]
    public async Task ToMany_Pgrst118() =>
        AssertJson(await GetAsync("channels?select=id,messages(id)&order=messages(id)"), 400,
            """{"code":"PGRST118","details":"'channels' and 'messages' do not form a many-to-one or one-to-one relationship","hint":null,"message":"A related order on 'messages' is not possible"}""");

    [Fact]
    public async Task NotEmbedded_Pgrst108() =>
        AssertJson(await GetAsync("messages?select=id&order=channels(slug)"), 400,
            """{"code":"PGRST108","details":null,"hint":"Verify that 'channels' is included in the 'select' query parameter.","message":"'channels' is not an embedded resource in this request"}""");
}
