using System.Text.Json.Nodes;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// The document's <c>parameters</c> section: the shared ones (Prefer variants, select, order, Range, ...) and, per
/// relation, its body and one row filter per column, as PostgREST's <c>makeParamDefs</c> lists them.
/// </summary>
internal static class OpenApiParameters
{
    public static JsonObject Build(IEnumerable<OpenApiRelation> relations)
    {
        var parameters = new JsonObject
        {
            // PostgREST 12 offers params=single-object, count=none, return=... and resolution=... here.
            ["preferParams"] = Prefer("params=single-object"),
            ["preferReturn"] = Prefer("return=representation", "return=minimal", "return=none"),
            ["preferCount"] = Prefer("count=none"),
            ["preferPost"] = Prefer("return=representation", "return=minimal", "return=none",
                "resolution=ignore-duplicates", "resolution=merge-duplicates"),
            ["select"] = Simple("select", "Filtering Columns", "query"),
            ["on_conflict"] = Simple("on_conflict", "On Conflict", "query"),
            ["order"] = Simple("order", "Ordering", "query"),
            ["range"] = Simple("Range", "Limiting and Pagination", "header"),
            ["rangeUnit"] = Simple("Range-Unit", "Limiting and Pagination", "header"),
            ["offset"] = Simple("offset", "Limiting and Pagination", "query"),
            ["limit"] = Simple("limit", "Limiting and Pagination", "query"),
        };
        parameters["rangeUnit"]!["default"] = "items";
        foreach (var relation in relations)
        {
            parameters["body." + relation.Name] = new JsonObject
            {
                ["name"] = relation.Name,
                ["description"] = relation.Name,
                ["required"] = false,
                ["in"] = "body",
                ["schema"] = new JsonObject { ["$ref"] = "#/definitions/" + relation.Name },
            };
            foreach (var column in relation.Columns)
            {
                parameters[RowFilter(relation.Name, column.Name)] = Simple(column.Name, column.Description, "query");
            }
        }

        return parameters;
    }

    public static string RowFilter(string relation, string column) => $"rowFilter.{relation}.{column}";

    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/parameters/" + name };

    private static JsonObject Prefer(params string[] values) => new()
    {
        ["name"] = "Prefer",
        ["description"] = "Preference",
        ["required"] = false,
        ["in"] = "header",
        ["type"] = "string",
        ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
    };

    private static JsonObject Simple(string name, string? description, string location)
    {
        var parameter = new JsonObject { ["name"] = name };
        if (description is not null)
        {
            parameter["description"] = description;
        }

        parameter["required"] = false;
        parameter["in"] = location;
        parameter["type"] = "string";
        return parameter;
    }
}
