using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connectors;
using SyncOps.Connectors.Odoo;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Tests.Engine;

/// <summary>JSON-2's error statuses and bodies (connectors.md §2.5), each turned into a message that says what to fix.</summary>
public sealed class OdooJson2ErrorTests : EngineTest
{
    [Fact]
    public async Task Simulator_InvalidKey_AnswersThePublishedFixture()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { OdooVersion = 19 });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, odoo.BaseUrl + "/json/2/res.partner/search_read")
        {
            Content = new StringContent(await File.ReadAllTextAsync("Fixtures/odoo/json2-search_read.request-body.json"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "bearer 6578616d706c65206a736f6e20617069206b6579");

        using var response = await http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync("Fixtures/odoo/json2-error-401-invalid-apikey.response-body.json"));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task Run_InvalidKey_FailsSayingTheKeyWasRefused()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 5, OdooVersion = 19 });
        var connection = await AddOdooAsync(odoo, apiKey: "expired-key");

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("Odoo refused the API key (HTTP 401 werkzeug.exceptions.Unauthorized: Invalid apikey)", result.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ModelNotReadable_FailsNamingTheModelAndTheFix()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Orders = 5, OdooVersion = 19, OdooDeniedModels = ["sale.order"] });
        var connection = await AddOdooAsync(odoo);

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Order));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("Odoo denied access to sale.order (HTTP 403 odoo.exceptions.AccessError", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("give the API key's user read access", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json2ForcedOnOdoo17_FailsSayingJson2NeedsOdoo19()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 5 });
        var connection = await AddOdooAsync(odoo, protocol: "json2");

        var result = await Engine.RunAsync(new SyncRequest(OrgId, connection.Id, SyncEntity.Customer));

        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains("the server has no JSON-2 API at /json/2 (HTTP 404: 404 Not Found Not Found The requested URL", result.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("<", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x_unknown.model", "search_read", """{"domain": []}""", 404, "Odoo has no model x_unknown.model or no public method search_read on it (HTTP 404 werkzeug.exceptions.NotFound: 404 Not Found: the model 'x_unknown.model' does not exist)")]
    [InlineData("res.partner", "_private_method", """{}""", 404, "Odoo has no model res.partner or no public method _private_method on it (HTTP 404 werkzeug.exceptions.NotFound")]
    [InlineData("res.partner", "search_read", """{"ids": [1], "fields": ["name"]}""", 422, "Odoo rejected the arguments of res.partner.search_read (HTTP 422 werkzeug.exceptions.UnprocessableEntity: 422 Unprocessable Entity: cannot call res.partner.search_read with ids)")]
    [InlineData("res.partner", "search_read", """{"bogus": 1}""", 422, "search_read() got an unexpected keyword argument 'bogus'")]
    [InlineData("res.partner", "search_count", """{"domain": [["name", "ilike", "x"]]}""", 422, "Invalid domain term")]
    public async Task Call_BadRequest_MappedToAClearMessage(string model, string method, string body, int status, string message)
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { OdooVersion = 19 });
        var client = Services.GetRequiredService<OdooClient>();

        var error = await Assert.ThrowsAsync<SourceException>(() => client.Json2Async(
            odoo.BaseUrl, odoo.Options.OdooDatabase, odoo.Options.OdooApiKey, model, method, (JsonObject)JsonNode.Parse(body)!, CancellationToken.None));

        Assert.Equal(status, error.HttpStatus);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task Call_SearchReadLikeTheDocsExample_ReturnsTheBareRecordList()
    {
        var odoo = await StartOdooAsync(new SimulatorOptions { Customers = 3, OdooVersion = 19 });
        var client = Services.GetRequiredService<OdooClient>();

        using var reply = await client.Json2Async(odoo.BaseUrl, odoo.Options.OdooDatabase, odoo.Options.OdooApiKey, "res.partner", "search_read",
            new JsonObject { ["domain"] = new JsonArray(), ["fields"] = new JsonArray("name"), ["context"] = new JsonObject { ["lang"] = "en_US" } },
            CancellationToken.None);

        // Like fixture json2-search_read.response-body.json: a bare array of {id, name}, no envelope.
        Assert.Equal(JsonValueKind.Array, reply.Value.ValueKind);
        Assert.Equal(3, reply.Value.GetArrayLength());
        Assert.Equal(["id", "name"], reply.Value[0].EnumerateObject().Select(p => p.Name).ToArray());
    }
}
