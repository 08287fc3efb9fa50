namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Aggregates in <c>select=</c> (PostgREST docs, "Aggregate functions"; cases after PostgREST's
/// test/spec/Feature/Query/AggregateFunctionsSpec.hs). Grouped by the level's other fields; row-level security applies
/// first, so a count never includes another organisation's rows (messages 190 and 191 belong to <c>other</c>).
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class AggregateConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Count_WithoutField_CountsVisibleRowsOnly() =>
        AssertJson(await GetAsync("messages?select=count()"), 200, """[{"count":4}]""");

    [Fact]
    public async Task Count_AliasedAndGroupedByTheOtherFields() =>
        AssertJson(await GetAsync("messages?select=c:count(),channel_id&order=channel_id"), 200,
            """[{"c":3,"channel_id":10},{"c":1,"channel_id":11}]""");

    [Fact]
    public async Task SumMaxMin_NamedAfterTheFunction() =>
        AssertJson(await GetAsync("messages?select=id.sum(),id.max(),id.min()"), 200, """[{"sum":406,"max":103,"min":100}]""");

    [Fact]
    public async Task Avg_IsPostgresNumeric() =>
        AssertJson(await GetAsync("messages?select=id.avg()&channel_id=eq.10"), 200, """[{"avg":101.3333333333333333}]""");

    [Fact]
    public async Task CastBeforeAndAfter_OnAJsonPath() =>
        AssertJson(await GetAsync("messages?select=s:data->>n::int.sum()::text"), 200, """[{"s":"3"}]""");

    [Fact]
    public async Task CountCast_AppliesToTheResult() =>
        AssertJson(await GetAsync("users?select=count()::text"), 200, """[{"count":"3"}]""");

    [Fact]
    public async Task Embedded_AggregatesPerParent_HiddenChildrenNotCounted() =>
        AssertJson(await GetAsync("channels?select=slug,messages(count())&order=id"), 200,
            """[{"slug":"general","messages":[{"count":3}]},{"slug":"random","messages":[{"count":1}]},{"slug":"empty","messages":[{"count":0}]}]""");

    [Fact]
    public async Task Embedded_SumOfNoRowsIsNull() =>
        AssertJson(await GetAsync("channels?select=slug,messages(id.sum())&id=eq.12"), 200,
            """[{"slug":"empty","messages":[{"sum":null}]}]""");

    [Fact]
    public async Task GroupedByAToOneEmbed() =>
        AssertJson(await GetAsync("messages?select=channel_id,total:id.sum(),channels(slug)&order=channel_id"), 200,
            """[{"channel_id":10,"total":304,"channels":{"slug":"general"}},{"channel_id":11,"total":102,"channels":{"slug":"random"}}]""");

    [Fact]
    public async Task GroupedByASpreadToOneEmbedsColumns() =>
        AssertJson(await GetAsync("messages?select=total:id.sum(),...channels(slug)&channel_id=in.(10,11)&order=channels(slug)"), 200,
            """[{"total":304,"slug":"general"},{"total":102,"slug":"random"}]""");

    [Fact]
    public async Task InASpread_AppliedAtTheParentsLevel() =>
        AssertJson(await GetAsync("channels?select=...users!owner_id(n:id.count(),top:id.max()::text)"), 200, """[{"n":3,"top":"3"}]""");

    [Fact]
    public async Task OnASetReturningFunction() =>
        AssertJson(await GetAsync("rpc/channel_messages?p_channel=10&select=id.max()"), 200, """[{"max":103}]""");

    [Fact]
    public async Task UnknownAggregate_Pgrst100() =>
        AssertJson(await GetAsync("messages?select=id.median()"), 400,
            """{"code":"PGRST100","details":"unexpected \"m\" expecting an aggregate (count(), sum(), avg(), min(), max())","hint":null,"message":"\"failed to parse select parameter (id.median())\" (line 1, column 4)"}""");
}
