using System.Text.Json;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    /// <summary>
    /// <c>/rest/v1/rpc/{name}</c>: POST with the arguments as a JSON object (<c>{}</c> for none), GET/HEAD with them in
    /// the query string. Results shaped as PostgREST shapes them: void 204, a scalar bare, a row an object, a set an
    /// array (protocol reference §6.1). POST runs read-only unless the function is VOLATILE.
    /// </summary>
    public Task HandleRpcAsync(HttpContext context, string name) => HandleAsync(context, async identity =>
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        var isPost = HttpMethods.IsPost(request.Method);
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.Allow = "OPTIONS,GET,HEAD,POST";
            return;
        }

        if (!(isPost || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            throw new PostgrestException(PostgrestError.MethodNotAllowed(request.Method));
        }

        var schemaName = SelectSchema(context);
        var single = MediaTypes.WantsSingleObject(request.Headers.Accept);
        var prefs = Preferences.Parse(request.Headers["Prefer"]).CheckStrict();
        var candidates = await schema.FindFunctionsAsync(schemaName, name, ct);
        var parameterNames = candidates.SelectMany(f => f.Parameters).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var query = QueryStringParser.Parse(request.Query, key => !isPost && parameterNames.Contains(key));
        var arguments = isPost
            ? ReadArguments(await RequestBody.ReadTextAsync(request, options.MaxBodyBytes, ct))
            : query.Arguments.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
        var function = Choose(schemaName, name, candidates, arguments.Keys);
        var bound = function.Parameters.Where(p => arguments.ContainsKey(p.Name))
            .Select(p => (p, isPost ? ToArrayLiteralIfArray(p, arguments[p.Name]) : arguments[p.Name])).ToList();

        var statement = StatementBuilder.Call(function, bound, query, options.MaxRows, single, prefs.Count is not null)
            with { Rollback = prefs.Transaction == "rollback" };
        var readOnly = !isPost || !function.IsVolatile;
        var result = await executor.ExecuteAsync(identity, readOnly, request.Method, request.Path, statement, ct);
        SetPreferenceApplied(context.Response, prefs);
        if (function.Shape == ResultShape.Void)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (function.Shape is ResultShape.Rows or ResultShape.Scalars)
        {
            context.Response.Headers.ContentRange = RestResponses.ContentRange(query.Offset, result.Rows, result.Total);
        }

        await RestResponses.WriteBodyAsync(context, StatusCodes.Status200OK, result.Body ?? "null", single, ct);
    });

    /// <summary>The overload whose parameters cover the given names and whose required parameters are all given.</summary>
    private static FunctionInfo Choose(string schemaName, string name, IReadOnlyList<FunctionInfo> candidates, IEnumerable<string> given)
    {
        var names = given.ToHashSet(StringComparer.Ordinal);
        var match = candidates
            .Where(f => names.All(n => f.Parameters.Any(p => p.Name == n))
                        && f.Parameters.All(p => p.HasDefault || names.Contains(p.Name)))
            .OrderBy(f => f.Parameters.Count)
            .FirstOrDefault();
        if (match is not null)
        {
            return match;
        }

        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        var signature = names.Count == 0 ? $"{schemaName}.{name} without parameters" : $"{schemaName}.{name}({list})";
        var searched = names.Count == 0
            ? $"Searched for the function {schemaName}.{name} without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache."
            : $"Searched for the function {schemaName}.{name} with parameters {list} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.";
        var hint = candidates.Count > 0
            ? "Perhaps you meant to call the function " + candidates[0].Signature
            : null;
        throw new PostgrestException(PostgrestError.FunctionNotFound(signature, searched, hint));
    }

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
