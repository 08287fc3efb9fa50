using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// PostgreSQL types to Swagger 2.0 types and defaults to JSON, as PostgREST's <c>Response/OpenAPI.hs</c> maps them
/// (<c>toSwaggerType</c>, <c>makePropertyItems</c>, <c>parseDefault</c>).
/// </summary>
internal static class OpenApiTypes
{
    /// <summary>The Swagger type of a column type; null for json and jsonb, which PostgREST leaves untyped.</summary>
    public static string? SwaggerType(string type) => type switch
    {
        "character varying" or "character" or "text" => "string",
        "boolean" => "boolean",
        "smallint" or "integer" or "bigint" => "integer",
        "numeric" or "real" or "double precision" => "number",
        "json" or "jsonb" => null,
        _ when type.EndsWith("[]", StringComparison.Ordinal) => "array",
        _ => "string",
    };

    /// <summary>An array column's <c>items</c>: the element's type (<c>{}</c> for json elements).</summary>
    public static JsonObject? Items(string type)
    {
        if (SwaggerType(type) != "array")
        {
            return null;
        }

        var element = SwaggerType(type[..^2]);
        return element is null ? [] : new JsonObject { ["type"] = element };
    }

    /// <summary>
    /// The default as JSON. String-typed columns get the expression without its <c>::type</c> cast and quotes, in
    /// quotes (<c>'pending'::text</c> → <c>"pending"</c>, <c>now()</c> → <c>"now()"</c>); other types keep the
    /// expression when it is JSON (<c>0</c>, <c>true</c>) and have no default otherwise (<c>nextval(...)</c>).
    /// </summary>
    public static JsonNode? Default(string type, string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var text = expression;
        if (SwaggerType(type) == "string")
        {
            if (text.EndsWith("::" + type, StringComparison.Ordinal))
            {
                text = text[..^(type.Length + 2)].Trim('\'');
            }

            text = "\"" + text + "\"";
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null; // PostgREST's JSON.decode fails the same way and leaves the default out
        }
    }
}
