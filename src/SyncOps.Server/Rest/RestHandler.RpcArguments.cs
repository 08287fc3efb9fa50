using System.Text.Json;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    /// <summary>A POST body's arguments as text, each cast in SQL to its parameter's type.</summary>
    private static Dictionary<string, string?> ReadArguments(string text)
    {
        var arguments = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return arguments;
        }

        using (var document = RequestBody.ParseDocument(text))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PostgrestException(PostgrestError.InvalidBody("Empty or invalid json", "expected a JSON object of arguments"));
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                try
                {
                    arguments[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => property.Value.GetString(),
                        _ => property.Value.GetRawText(),
                    };
                }
                catch (InvalidOperationException e)
                {
                    // A lone surrogate (\ud800) is valid JSON but no string: PostgreSQL would refuse it too.
                    throw new PostgrestException(PostgrestError.InvalidBody("Empty or invalid json", e.Message));
                }
            }
        }

        return arguments;
    }

    /// <summary>A JSON array for an array-typed parameter becomes a PostgreSQL array literal (<c>{a,b}</c>).</summary>
    private static string? ToArrayLiteralIfArray(FunctionParameter parameter, string? value)
    {
        if (value is null || !parameter.TypeName.EndsWith("[]", StringComparison.Ordinal) || !value.StartsWith('['))
        {
            return value;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind != JsonValueKind.Array ? value
                : SqlParameters.ArrayLiteral(document.RootElement.EnumerateArray().Select(e =>
                    e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
        }
        catch (JsonException)
        {
            return value; // a string that only looks like JSON: PostgreSQL judges it as an array literal
        }
    }
}
