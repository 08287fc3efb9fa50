using System.Text.Json.Nodes;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Base of the conformance classes: requests go to <see cref="ConformanceServer"/> as supabase-js sends them, and
/// answers are compared with what PostgREST answers: status, and the JSON with its key order (whitespace aside, since
/// PostgREST's json_agg spacing is PostgreSQL's).
/// </summary>
public abstract class ConformanceTest : ServerTest, IAsyncLifetime
{
    protected ConformanceServer Conformance { get; private set; } = null!;

    protected override HttpClient Http => Conformance.Http;

    protected string Token => Conformance.AcmeToken;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Conformance = await ConformanceServer.GetAsync();
    }

    protected Task<Response> GetAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, "/rest/v1/" + pathAndQuery, Token, headers: headers);

    /// <summary>Asserts the status and the exact JSON (key order included).</summary>
    protected static void AssertJson(Response response, int status, string expectedJson)
    {
        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Body}");
        Assert.Equal(Canonical(expectedJson), Canonical(response.Body));
    }

    private static string Canonical(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";
}
