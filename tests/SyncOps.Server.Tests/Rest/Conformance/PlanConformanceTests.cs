using System.Text.Json.Nodes;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// <c>Accept: application/vnd.pgrst.plan</c> (supabase-js <c>.explain()</c>; PostgREST docs, "Execution plan"):
/// the EXPLAIN of the request's statement, run as the user. The statement aggregates the rows into JSON, so the plan's
/// top node is an Aggregate, as in PostgREST. With <c>analyze</c> the rows a policy filtered out are not reported.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class PlanConformanceTests : ConformanceTest
{
    private const string SupabaseJsJson = "application/vnd.pgrst.plan+json; for=\"application/json\"; options=;";

    [Fact]
    public async Task JsonPlan_TopNodeIsTheAggregate()
    {
        var response = await GetAsync("users?select=id&id=eq.1", ("Accept", SupabaseJsJson));
        Assert.Equal(200, response.Status);
        Assert.Equal("application/vnd.pgrst.plan+json; for=\"application/json\"; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("Aggregate", JsonNode.Parse(response.Body)![0]!["Plan"]!["Node Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TextPlan_IsPostgresText()
    {
        var response = await GetAsync("users?select=id", ("Accept", "application/vnd.pgrst.plan+text; for=\"application/json\"; options=analyze|verbose;"));
        Assert.Equal(200, response.Status);
        Assert.Equal("application/vnd.pgrst.plan+text; for=\"application/json\"; options=analyze|verbose; charset=utf-8",
            response.Header("Content-Type"));
        Assert.StartsWith("Aggregate", response.Body, StringComparison.Ordinal);
        Assert.Contains("actual time=", response.Body, StringComparison.Ordinal);
        Assert.Contains("Output:", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ScanReportsVisibleRowsAndNeverTheRowsThePolicyHid()
    {
        var response = await GetAsync("messages?select=id", ("Accept", "application/vnd.pgrst.plan+json; options=analyze"));
        Assert.Equal(200, response.Status);
        var scans = Nodes(JsonNode.Parse(response.Body)![0]!["Plan"]!).Where(n => n["Relation Name"]?.GetValue<string>() == "messages").ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.Equal(4, scan["Actual Rows"]!.GetValue<int>())); // 4 of the table's 6 rows are acme's
        Assert.DoesNotContain("Rows Removed", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Text_DropsRowsRemovedLines()
    {
        var response = await GetAsync("messages?select=id", ("Accept", "application/vnd.pgrst.plan; options=analyze"));
        Assert.Equal(200, response.Status);
        Assert.Contains("rows=4 ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows Removed", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_AnsweredWithItsPlan_AndAnalyzedWriteRolledBack()
    {
        var response = await SendAsync(HttpMethod.Patch, "/rest/v1/users?id=eq.2", Token, """{"username":"planned"}""",
            ("Accept", "application/vnd.pgrst.plan+json; options=analyze"));
        Assert.Equal(200, response.Status);
        var plan = JsonNode.Parse(response.Body)![0]!["Plan"]!;
        Assert.Equal("Aggregate", plan["Node Type"]!.GetValue<string>());
        Assert.Contains(Nodes(plan), n => n["Node Type"]?.GetValue<string>() == "ModifyTable");
        Assert.Equal(0L, await CountAsync("select count(*) from public.users where username = 'planned'"));
    }

    [Fact]
    public async Task Insert_AnsweredWithItsTextPlan_InsertsNothing()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/channels", Token, """{"id":74,"org_id":"acme","slug":"plan"}""",
            ("Accept", "application/vnd.pgrst.plan"));
        Assert.Equal(200, response.Status);
        Assert.Contains("Insert on channels", response.Body, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("select count(*) from public.channels where id = 74"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = Conformance.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode plan) =>
        new[] { plan }.Concat((plan["Plans"] as JsonArray ?? []).OfType<JsonNode>().SelectMany(Nodes));
}
