using System.Text.Json;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// <c>GET /rest/v1/</c> (supabase-js <c>getOpenApiSpec()</c>): PostgREST 12's Swagger 2.0 document, built as PostgREST's
/// <c>src/PostgREST/Response/OpenAPI.hs</c> builds it (definitions from the columns, "Note:" lines for keys, paths per
/// relation and function, the shared parameters), for the schema <c>Accept-Profile</c> names.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class OpenApiConformanceTests : ConformanceTest
{
    [Fact]
    public async Task Root_AnswersSwagger2_AsOpenApiJson()
    {
        var response = await GetAsync("");
        Assert.True(response.Status == 200, response.Body);
        Assert.StartsWith("application/openapi+json", response.Header("Content-Type"), StringComparison.Ordinal);
        var json = response.Json;
        Assert.Equal("2.0", json.GetProperty("swagger").GetString());
        Assert.Equal("/rest/v1/", json.GetProperty("basePath").GetString());
        Assert.Equal("http", json.GetProperty("schemes")[0].GetString());
        Assert.Equal(Http.BaseAddress!.Authority, json.GetProperty("host").GetString());
        Assert.Equal("PostgREST Documentation", json.GetProperty("externalDocs").GetProperty("description").GetString());
        // aeson writes object keys in order: the document's own keys come out sorted.
        Assert.Equal(
            ["basePath", "consumes", "definitions", "externalDocs", "host", "info", "parameters", "paths", "produces", "schemes", "swagger"],
            json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Definition_Table_HasTypesFormatsRequiredDefaultsAndKeyNotes()
    {
        var response = await GetAsync("");
        AssertElement(response.Json.GetProperty("definitions").GetProperty("messages"), """
            {"properties": {
               "body": {"default": "(no text)", "format": "text", "type": "string"},
               "channel_id": {"description": "Note:\nThis is a Foreign Key to `channels.id`.<fk table='channels' column='id'/>", "format": "bigint", "type": "integer"},
               "data": {"format": "jsonb"},
               "during": {"format": "tstzrange", "type": "string"},
               "edited_by": {"description": "Note:\nThis is a Foreign Key to `users.id`.<fk table='users' column='id'/>", "format": "bigint", "type": "integer"},
               "id": {"description": "Note:\nThis is a Primary Key.<pk/>", "format": "bigint", "type": "integer"},
               "org_id": {"format": "text", "type": "string"},
               "search": {"format": "tsvector", "type": "string"},
               "user_id": {"description": "Note:\nThis is a Foreign Key to `users.id`.<fk table='users' column='id'/>", "format": "bigint", "type": "integer"}},
             "required": ["id", "org_id", "channel_id", "body"],
             "type": "object"}
            """);
    }

    [Fact]
    public async Task Definition_KeyColumnThatIsAlsoForeign_GetsBothNotes()
    {
        var response = await GetAsync("");
        var column = response.Json.GetProperty("definitions").GetProperty("channel_members").GetProperty("properties").GetProperty("channel_id");
        Assert.Equal(
            "Note:\nThis is a Primary Key.<pk/>\nThis is a Foreign Key to `channels.id`.<fk table='channels' column='id'/>",
            column.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Comments_BecomeDescriptions_FirstLineTheSummary()
    {
        await using (var comment = Conformance.DataSource.CreateCommand(
            "comment on table public.user_settings is E'Per-user settings\\n\\nOne row per user.'; " +
            "comment on column public.user_settings.theme is 'light or dark'"))
        {
            await comment.ExecuteNonQueryAsync();
        }

        var json = (await GetAsync("")).Json;
        var definition = json.GetProperty("definitions").GetProperty("user_settings");
        Assert.Equal("Per-user settings\n\nOne row per user.", definition.GetProperty("description").GetString());
        Assert.Equal("light or dark", definition.GetProperty("properties").GetProperty("theme").GetProperty("description").GetString());
        var get = json.GetProperty("paths").GetProperty("/user_settings").GetProperty("get");
        Assert.Equal("Per-user settings", get.GetProperty("summary").GetString());
        Assert.Equal("One row per user.", get.GetProperty("description").GetString());
        Assert.Equal("light or dark", json.GetProperty("parameters").GetProperty("rowFilter.user_settings.theme").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Paths_TableTakesEveryMethod_AggregateViewOnlyGet()
    {
        var paths = (await GetAsync("")).Json.GetProperty("paths");
        Assert.Equal(["get", "post", "patch", "delete"], Methods(paths, "/messages"));
        Assert.Equal(["get"], Methods(paths, "/channel_stats")); // a view with GROUP BY is not updatable
        var get = paths.GetProperty("/messages").GetProperty("get");
        Assert.Equal("messages", get.GetProperty("tags")[0].GetString());
        var references = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("$ref").GetString()).ToList();
        Assert.Equal("#/parameters/rowFilter.messages.id", references[0]);
        Assert.Equal(["#/parameters/select", "#/parameters/order", "#/parameters/range", "#/parameters/rangeUnit",
                      "#/parameters/offset", "#/parameters/limit", "#/parameters/preferCount"], references[^7..]);
        Assert.Equal("#/definitions/messages",
            get.GetProperty("responses").GetProperty("200").GetProperty("schema").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("Partial Content", get.GetProperty("responses").GetProperty("206").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Paths_VolatileFunction_PostOnly_WithItsArguments()
    {
        var item = (await GetAsync("")).Json.GetProperty("paths").GetProperty("/rpc/add_channel");
        Assert.Equal(["post"], item.EnumerateObject().Select(p => p.Name));
        var post = item.GetProperty("post");
        Assert.Equal("(rpc) add_channel", post.GetProperty("tags")[0].GetString());
        var args = post.GetProperty("parameters")[0];
        AssertElement(args, """
            {"in": "body", "name": "args", "required": true,
             "schema": {"properties": {"p_id": {"format": "bigint", "type": "integer"}, "p_slug": {"format": "text", "type": "string"}},
                        "required": ["p_id", "p_slug"], "type": "object"}}
            """);
        Assert.Equal("#/parameters/preferParams", post.GetProperty("parameters")[1].GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Parameters_SharedOnes_AsPostgrest()
    {
        var parameters = (await GetAsync("")).Json.GetProperty("parameters");
        AssertElement(parameters.GetProperty("preferReturn"), """
            {"description": "Preference", "enum": ["return=representation", "return=minimal", "return=none"],
             "in": "header", "name": "Prefer", "required": false, "type": "string"}
            """);
        AssertElement(parameters.GetProperty("rangeUnit"), """
            {"default": "items", "description": "Limiting and Pagination", "in": "header", "name": "Range-Unit", "required": false, "type": "string"}
            """);
        AssertElement(parameters.GetProperty("body.messages"), """
            {"description": "messages", "in": "body", "name": "messages", "required": false, "schema": {"$ref": "#/definitions/messages"}}
            """);
    }

    [Fact]
    public async Task AcceptProfile_DescribesThatSchemaOnly()
    {
        var response = await GetAsync("", ("Accept-Profile", "reports"));
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal("reports", response.Header("Content-Profile"));
        Assert.Equal(["daily"], response.Json.GetProperty("definitions").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["/", "/daily"], response.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AcceptProfile_NotExposed_406Pgrst106()
    {
        var response = await GetAsync("", ("Accept-Profile", "syncops_private"));
        Assert.Equal(406, response.Status);
        Assert.Equal("PGRST106", response.ErrorCode);
    }

    [Theory]
    [InlineData("application/json", 200)]
    [InlineData("application/openapi+json", 200)]
    [InlineData("*/*", 200)]
    [InlineData("text/csv", 406)]
    [InlineData("application/vnd.pgrst.object+json", 406)]
    public async Task Accept_OnlyJsonOrOpenApi(string accept, int status)
    {
        var response = await GetAsync("", ("Accept", accept));
        Assert.True(response.Status == status, response.Body);
        if (status == 406)
        {
            Assert.Equal("PGRST107", response.ErrorCode);
        }
    }

    private static void AssertElement(JsonElement element, string expectedJson) =>
        AssertJson(new Response(200, element.GetRawText(), new Dictionary<string, string>()), 200, expectedJson);

    private static readonly string[] s_methods = ["get", "post", "patch", "delete"];

    private static List<string> Methods(JsonElement paths, string path) =>
        [.. s_methods.Where(m => paths.GetProperty(path).TryGetProperty(m, out _))];
}
