namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary><c>Accept: text/csv</c> (supabase-js <c>.csv()</c>; PostgREST docs, "CSV"): a header line, then one line per row.</summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class CsvConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Csv_HeaderThenRows_QuotedAsPostgresRecordText()
    {
        var response = await GetAsync("users?select=id,username,manager_id,profile&id=in.(2,3)&order=id", ("Accept", "text/csv"));
        Assert.Equal(200, response.Status);
        Assert.Equal("text/csv; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("id,username,manager_id,profile\n2,bob,1,\"{\"\"tz\"\": \"\"CET\"\", \"\"langs\"\": [\"\"de\"\"]}\"\n3,carol,1,", response.Body);
    }

    [Fact]
    public async Task Csv_NoRows_EmptyHeaderAndNewline()
    {
        var response = await GetAsync("users?select=id&id=eq.-1", ("Accept", "text/csv"));
        Assert.Equal(200, response.Status);
        Assert.Equal("\n", response.Body);
    }
}
