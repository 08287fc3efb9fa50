namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// <c>Prefer: count=planned|estimated</c> (PostgREST docs, "Planned count", "Estimated count"; Query.hs
/// <c>resultSetWTotal</c>): planned is the planner's <c>Plan Rows</c> for the count query; estimated counts exactly up
/// to db-max-rows (1,000 here) and above it answers the larger of that and the planner's figure. The view
/// <c>numbers</c> (generate_series(1, 3000)) makes the planner's figures known: 3,000 rows, and for an inequality on a
/// column without statistics PostgreSQL's default selectivity of one third (selfuncs.h DEFAULT_INEQ_SEL), 1,000.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class CountConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Planned_IsThePlannersEstimate()
    {
        var response = await GetAsync("numbers?select=n&limit=1", ("Prefer", "count=planned"));
        AssertJson(response, 206, """[{"n":1}]""");
        Assert.Equal("0-0/3000", response.Header("Content-Range"));
        Assert.Equal("count=planned", response.Header("Preference-Applied"));
    }

    [Fact]
    public async Task Planned_DiffersFromTheExactCountWhereThePlannerGuesses()
    {
        var planned = await GetAsync("numbers?select=n&n=lte.1500&limit=1", ("Prefer", "count=planned"));
        var exact = await GetAsync("numbers?select=n&n=lte.1500&limit=1", ("Prefer", "count=exact"));
        Assert.Equal("0-0/1000", planned.Header("Content-Range"));
        Assert.Equal("0-0/1500", exact.Header("Content-Range"));
    }

    [Fact]
    public async Task Planned_UniqueKeyEquality_IsOneRow()
    {
        var response = await GetAsync("users?select=id&id=eq.1", ("Prefer", "count=planned"));
        AssertJson(response, 200, """[{"id":1}]""");
        Assert.Equal("0-0/1", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Estimated_BelowMaxRows_IsExact()
    {
        var response = await GetAsync("numbers?select=n&n=lte.10&limit=2", ("Prefer", "count=estimated"));
        AssertJson(response, 206, """[{"n":1},{"n":2}]""");
        Assert.Equal("0-1/10", response.Header("Content-Range"));
    }

    [Fact]
    public async Task Estimated_AboveMaxRows_IsTheLargerOfTheLimitedCountAndThePlanner()
    {
        var all = await GetAsync("numbers?select=n&limit=1", ("Prefer", "count=estimated"));
        Assert.Equal("0-0/3000", all.Header("Content-Range")); // exact up to 1,001, planner 3,000
        var guessed = await GetAsync("numbers?select=n&n=lte.1500&limit=1", ("Prefer", "count=estimated"));
        Assert.Equal("0-0/1001", guessed.Header("Content-Range")); // exact up to 1,001, planner 1,000
    }

    [Fact]
    public async Task Planned_WithRollback_StillAnswers()
    {
        var response = await GetAsync("users?select=id&id=eq.2", ("Prefer", "count=planned, tx=rollback"));
        AssertJson(response, 200, """[{"id":2}]""");
        Assert.Equal("0-0/1", response.Header("Content-Range"));
    }
}
