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
        var shape = MediaTypes.Negotiate(request.Headers.Accept, allowCsv: false, allowPlan: options.PlanEnabled);
        var single = shape.Single;
        var prefs = Preferences.Parse(request.Headers["Prefer"]).CheckStrict();
        var candidates = await schema.FindFunctionsAsync(schemaName, name, ct);
        var parameterNames = candidates.SelectMany(f => f.Parameters).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var query = QueryStringParser.Parse(request.Query, key => !isPost && parameterNames.Contains(key));
        CheckAggregates(query);
        var text = isPost ? await RequestBody.ReadTextAsync(request, options.MaxBodyBytes, ct) : "";
        var (function, bound) = isPost && SingleObjectCall(candidates, prefs) is { } whole
            ? (whole, [(whole.Parameters[0], string.IsNullOrWhiteSpace(text) ? "{}" : text)])
            : BindByName(schemaName, name, candidates, isPost ? ReadArguments(text)
                : query.Arguments.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal), isPost);

        var statement = StatementBuilder.Call(function, bound, query, options.MaxRows, single, prefs.Count is not null, shape.StripNulls)
            with { Rollback = prefs.Transaction == "rollback" };
        if (shape.Plan is { } plan)
        {
            await WritePlanAsync(context, identity, statement, plan);
            return;
        }

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

        await RestResponses.WriteBodyAsync(context, StatusCodes.Status200OK, result.Body ?? "null", shape.ContentType, ct);
    });

    private static (FunctionInfo Function, List<(FunctionParameter, string?)> Bound) BindByName(
        string schemaName, string name, IReadOnlyList<FunctionInfo> candidates, Dictionary<string, string?> arguments, bool isPost)
    {
        var function = Choose(schemaName, name, candidates, arguments.Keys);
        return (function, function.Parameters.Where(p => arguments.ContainsKey(p.Name))
            .Select(p => (p, isPost ? ToArrayLiteralIfArray(p, arguments[p.Name]) : arguments[p.Name])).ToList());
    }

    /// <summary>
    /// The function that takes the POST body whole: with <c>Prefer: params=single-object</c> one whose only parameter is
    /// json/jsonb, whatever its name; without, one whose only parameter is an unnamed json/jsonb (PostgREST docs,
    /// "Functions with a single unnamed JSON parameter").
    /// </summary>
    private static FunctionInfo? SingleObjectCall(IReadOnlyList<FunctionInfo> candidates, Preferences prefs) =>
        candidates.FirstOrDefault(f => f.Parameters is [{ TypeName: "json" or "jsonb" } only]
                                       && (prefs.SingleObject || only.Name.Length == 0));

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
}
