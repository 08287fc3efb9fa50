using System.Text.RegularExpressions;
using SyncOps.Server.Auth;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    public Task HandleTableAsync(HttpContext context, string name) => HandleAsync(context, async identity =>
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.Allow = "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE";
            return;
        }

        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPost(request.Method)
              || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPut(request.Method)))
        {
            throw new PostgrestException(PostgrestError.MethodNotAllowed(request.Method));
        }

        var schemaName = SelectSchema(context);
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var shape = MediaTypes.Negotiate(request.Headers.Accept, allowCsv: isRead, allowPlan: options.PlanEnabled);
        var single = shape.Single;
        var prefs = Preferences.Parse(request.Headers["Prefer"]).CheckStrict();
        var table = await schema.FindTableAsync(schemaName, name, ct)
            ?? throw new PostgrestException(RestErrors.TableNotFound(schemaName, name, schema.SuggestTable(schemaName, name)));
        var query = QueryStringParser.Parse(request.Query, _ => false);
        CheckAggregates(query);
        var catalog = schema.Snapshot;
        SetPreferenceApplied(context.Response, prefs);

        if (isRead)
        {
            await ReadAsync(context, identity, catalog, table, ApplyRange(request, query), prefs, shape);
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            if (await ExecuteOrExplainAsync(context, identity, StatementBuilder.Delete(catalog, table, query, prefs, single, shape.StripNulls), shape)
                is not { } deleted)
            {
                return;
            }

            context.Response.Headers.ContentRange = RestResponses.ContentRange(0, 0, deleted.Total);
            await WriteWriteAsync(context, prefs, deleted, shape, StatusCodes.Status200OK);
            return;
        }

        if (HttpMethods.IsPut(request.Method))
        {
            await PutAsync(context, identity, catalog, table, query, prefs, shape);
            return;
        }

        var text = await RequestBody.ReadTextAsync(request, options.MaxBodyBytes, ct);
        var isPost = HttpMethods.IsPost(request.Method);
        var body = RequestBody.Parse(text, allowArray: isPost);
        if (body.NamesUnknownColumn(table, query.Columns))
        {
            table = await schema.RefreshAsync(table, ct); // a column added since the catalog was loaded
        }

        var columns = body.Columns(table, query.Columns);
        if (isPost)
        {
            var json = body.IsArray ? body.Json : "[" + body.Json + "]";
            if (await ExecuteOrExplainAsync(context, identity, StatementBuilder.Insert(catalog, table, query, json, columns, prefs, single, shape.StripNulls), shape)
                is not { } inserted)
            {
                return;
            }

            context.Response.Headers.ContentRange = RestResponses.ContentRange(0, 0, inserted.Total);
            await WriteWriteAsync(context, prefs, inserted, shape, StatusCodes.Status201Created);
            return;
        }

        if (await ExecuteOrExplainAsync(context, identity, StatementBuilder.Update(catalog, table, query, body.Json, columns, prefs, single, shape.StripNulls), shape)
            is not { } updated)
        {
            return;
        }

        context.Response.Headers.ContentRange = RestResponses.ContentRange(0, updated.Rows, updated.Total);
        await WriteWriteAsync(context, prefs, updated, shape, StatusCodes.Status200OK);
    });

    private async Task ReadAsync(
        HttpContext context, RequestIdentity identity, CatalogSnapshot catalog, TableInfo table, ParsedQuery query, Preferences prefs,
        Negotiated shape)
    {
        var statement = StatementBuilder.Read(catalog, table, query, options.MaxRows, shape, prefs.Count);
        if (shape.Plan is { } plan)
        {
            await WritePlanAsync(context, identity, statement, plan);
            return;
        }

        var result = await ExecuteAsync(context, identity, statement);
        if (result.Total is { } total && query.Offset > 0 && query.Offset >= total)
        {
            throw new PostgrestException(PostgrestError.RangeNotSatisfiable(
                $"An offset of {query.Offset} was requested, but there are only {total} rows."));
        }

        context.Response.Headers.ContentRange = RestResponses.ContentRange(query.Offset, result.Rows, result.Total);
        var partial = result.Total is { } t && (query.Offset > 0 || query.Offset + result.Rows < t);
        await RestResponses.WriteBodyAsync(
            context, partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK, result.Body,
            shape.ContentType, context.RequestAborted);
    }

    private Task<StatementResult> ExecuteAsync(HttpContext context, RequestIdentity identity, Statement statement)
    {
        if (Preferences.Parse(context.Request.Headers["Prefer"]).Transaction == "rollback")
        {
            statement = statement with { Rollback = true };
        }

        var request = context.Request;
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return executor.ExecuteAsync(identity, readOnly, request.Method, request.Path, statement, context.RequestAborted);
    }

    /// <summary>
    /// Writes answer 201/200 with the rows under return=representation (in the negotiated shape: one object, nulls
    /// stripped), else 201/204 with no body.
    /// </summary>
    private static Task WriteWriteAsync(HttpContext context, Preferences prefs, StatementResult result, Negotiated shape, int representationStatus)
    {
        var representation = prefs.Return == "representation";
        var status = representationStatus == StatusCodes.Status201Created ? StatusCodes.Status201Created
            : representation ? representationStatus : StatusCodes.Status204NoContent;
        return RestResponses.WriteBodyAsync(context, status, representation ? result.Body : null, shape.ContentType, context.RequestAborted);
    }

    /// <summary><c>Range: 0-9</c> (with <c>Range-Unit: items</c>) narrows limit/offset like the query parameters.</summary>
    private static ParsedQuery ApplyRange(HttpRequest request, ParsedQuery query)
    {
        var range = request.Headers.Range.ToString();
        if (range.Length == 0)
        {
            return query;
        }

        var match = RangePattern().Match(range);
        if (!match.Success)
        {
            return query; // PostgREST ignores a Range it cannot read
        }

        var from = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        long? count = match.Groups[2].Length > 0
            ? long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - from + 1
            : null;
        if (count is < 0)
        {
            throw new PostgrestException(PostgrestError.RangeNotSatisfiable("The lower boundary must be lower than or equal to the upper boundary in the Range header."));
        }

        var limit = count is null ? query.Limit : Math.Min(count.Value, query.Limit ?? long.MaxValue);
        return query with { Offset = Math.Max(from, query.Offset), Limit = limit };
    }

    [GeneratedRegex(@"^(?:items=)?\s*(\d{1,18})-(\d{0,18})\s*$")]
    private static partial Regex RangePattern();
}
