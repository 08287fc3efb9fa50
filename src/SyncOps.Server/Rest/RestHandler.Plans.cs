using SyncOps.Server.Auth;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Query;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    /// <summary>Aggregates are refused unless the operator turned them on (PostgREST's db-aggregates-enabled, PGRST123).</summary>
    private void CheckAggregates(ParsedQuery query)
    {
        if (!options.AggregatesEnabled && FieldItem.AnyAggregate(query.Select))
        {
            throw new PostgrestException(RestErrors.AggregatesNotAllowed());
        }
    }

    /// <summary>
    /// A table write, or under <c>.explain()</c> its plan instead (PostgREST explains writes as reads, App.hs): null when
    /// the plan was the answer. With <c>analyze</c> the write runs and is rolled back, so nothing changes.
    /// </summary>
    private async Task<StatementResult?> ExecuteOrExplainAsync(HttpContext context, RequestIdentity identity, Statement statement, Negotiated shape)
    {
        if (shape.Plan is { } plan)
        {
            await WritePlanAsync(context, identity, statement, plan);
            return null;
        }

        return await ExecuteAsync(context, identity, statement);
    }

    /// <summary>
    /// <c>.explain()</c>: 200 with the EXPLAIN of the statement the request would run, as the user, in the plan's
    /// media type (PostgREST docs, "Execution plan"). Only reachable with <see cref="RestOptions.PlanEnabled"/>.
    /// </summary>
    private async Task WritePlanAsync(HttpContext context, RequestIdentity identity, Statement statement, PlanRequest plan)
    {
        var request = context.Request;
        // A plan never changes data: with analyze a write runs, and its transaction is rolled back (RestExecutor).
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var body = await executor.ExplainAsync(identity, readOnly, request.Method, request.Path, statement, plan, context.RequestAborted);
        await RestResponses.WriteBodyAsync(context, StatusCodes.Status200OK, body, plan.ContentType, context.RequestAborted);
    }
}
