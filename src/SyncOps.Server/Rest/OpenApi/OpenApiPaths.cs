using System.Text.Json.Nodes;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// The document's <c>paths</c>: <c>/</c> (this document), one item per relation (GET always; POST, PATCH and DELETE
/// when it takes writes) and one per function under <c>/rpc/</c> (POST always; GET unless volatile), as PostgREST's
/// <c>makePathItem</c>, <c>makeProcPathItem</c> and <c>makeRootPathItem</c> build them.
/// </summary>
internal static class OpenApiPaths
{
    private static readonly string[] s_readParameters = ["select", "order", "range", "rangeUnit", "offset", "limit", "preferCount"];

    public static JsonObject Build(OpenApiModel model)
    {
        var paths = new JsonObject
        {
            ["/"] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["tags"] = new JsonArray("Introspection"),
                    ["summary"] = "OpenAPI description (this document)",
                    ["produces"] = new JsonArray("application/openapi+json", "application/json"),
                    ["responses"] = Responses(("200", "OK")),
                },
            },
        };
        foreach (var relation in model.Relations)
        {
            paths["/" + relation.Name] = Relation(relation);
        }

        foreach (var routine in model.Routines)
        {
            paths["/rpc/" + routine.Function.Name] = Routine(routine);
        }

        return paths;
    }

    private static JsonObject Relation(OpenApiRelation relation)
    {
        var filters = relation.Columns.Select(c => OpenApiParameters.RowFilter(relation.Name, c.Name)).ToList();
        var get = Operation(relation.Description, relation.Name, filters.Concat(s_readParameters));
        get["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["schema"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["$ref"] = "#/definitions/" + relation.Name },
                },
            },
            ["206"] = new JsonObject { ["description"] = "Partial Content" },
        };
        var item = new JsonObject { ["get"] = get };
        if (!relation.Writable)
        {
            return item;
        }

        var body = "body." + relation.Name;
        item["post"] = Operation(relation.Description, relation.Name, [body, "select", "preferPost"]);
        item["post"]!["responses"] = Responses(("201", "Created"));
        item["patch"] = Operation(relation.Description, relation.Name, filters.Append(body).Append("preferReturn"));
        item["patch"]!["responses"] = Responses(("204", "No Content"));
        item["delete"] = Operation(relation.Description, relation.Name, filters.Append("preferReturn"));
        item["delete"]!["responses"] = Responses(("204", "No Content"));
        return item;
    }

    private static JsonObject Routine(OpenApiRoutine routine)
    {
        var function = routine.Function;
        var properties = new JsonObject();
        foreach (var parameter in function.Parameters)
        {
            var property = new JsonObject { ["format"] = parameter.TypeName };
            if (OpenApiTypes.SwaggerType(parameter.TypeName) is { } type)
            {
                property["type"] = type;
            }

            if (OpenApiTypes.Items(parameter.TypeName) is { } items)
            {
                property["items"] = items;
            }

            properties[parameter.Name] = property;
        }

        var args = new JsonObject();
        if (routine.Description is not null)
        {
            args["description"] = routine.Description;
        }

        args["type"] = "object";
        if (properties.Count > 0)
        {
            args["properties"] = properties;
        }

        var required = function.Parameters.Where(p => !p.HasDefault).Select(p => (JsonNode)p.Name).ToArray();
        if (required.Length > 0)
        {
            args["required"] = new JsonArray(required);
        }

        var post = RoutineOperation(routine);
        post["parameters"] = new JsonArray(
            new JsonObject { ["name"] = "args", ["required"] = true, ["in"] = "body", ["schema"] = args },
            OpenApiParameters.Ref("preferParams"));
        var item = new JsonObject();
        if (!function.IsVolatile)
        {
            var get = RoutineOperation(routine);
            var query = function.Parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["required"] = !p.HasDefault,
                ["in"] = "query",
                ["format"] = p.TypeName,
                // Arrays travel as {a,b} in the query string, and json has no Swagger type: both are strings there.
                ["type"] = OpenApiTypes.SwaggerType(p.TypeName) is { } t and not "array" ? t : "string",
            }).ToArray();
            if (query.Length > 0)
            {
                get["parameters"] = new JsonArray(query);
            }

            item["get"] = get;
        }

        item["post"] = post;
        return item;
    }

    private static JsonObject RoutineOperation(OpenApiRoutine routine)
    {
        var operation = Summarised(routine.Description);
        operation["tags"] = new JsonArray("(rpc) " + routine.Function.Name);
        operation["produces"] = new JsonArray(
            "application/json", "application/vnd.pgrst.object+json;nulls=stripped", "application/vnd.pgrst.object+json");
        operation["responses"] = Responses(("200", "OK"));
        return operation;
    }

    private static JsonObject Operation(string? description, string tag, IEnumerable<string> parameters)
    {
        var operation = Summarised(description);
        operation["tags"] = new JsonArray(tag);
        operation["parameters"] = new JsonArray(parameters.Select(p => (JsonNode)OpenApiParameters.Ref(p)).ToArray());
        return operation;
    }

    /// <summary>PostgREST: the comment's first line is the summary, the rest (leading newlines dropped) the description.</summary>
    private static JsonObject Summarised(string? comment)
    {
        var operation = new JsonObject();
        if (comment is null)
        {
            return operation;
        }

        var newline = comment.IndexOf('\n', StringComparison.Ordinal);
        operation["summary"] = newline < 0 ? comment : comment[..newline];
        var rest = newline < 0 ? "" : comment[newline..].TrimStart('\n');
        if (rest.Length > 0)
        {
            operation["description"] = rest;
        }

        return operation;
    }

    private static JsonObject Responses(params (string Status, string Description)[] responses)
    {
        var node = new JsonObject();
        foreach (var (status, description) in responses)
        {
            node[status] = new JsonObject { ["description"] = description };
        }

        return node;
    }
}
