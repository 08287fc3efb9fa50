using System.Text.Json;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Catalog;
using SyncOps.Server.Rest.Query;
using SyncOps.Server.Rest.Sql;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

internal sealed partial class RestHandler
{
    /// <summary>
    /// <c>PUT</c>: single-row upsert by primary key (PostgREST docs, "PUT"; Plan.hs <c>MutationSingleUpsert</c>). The
    /// filters must be exactly the primary key columns with <c>eq</c> (else 405 PGRST105), no limit/offset (PGRST114),
    /// and the one object's key values must equal them (PGRST115). Answers 200 with the row, or 204.
    /// </summary>
    private async Task PutAsync(
        HttpContext context, RequestIdentity identity, CatalogSnapshot catalog, TableInfo table, ParsedQuery query, Preferences prefs,
        Negotiated shape)
    {
        var primaryKey = table.PrimaryKey.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var filters = query.Conditions.OfType<Filter>().ToList();
        if (primaryKey.Count == 0 || filters.Count != query.Conditions.Count
            || filters.Any(f => f is not { Operator: FilterOperator.Eq, Negated: false, Quantifier: Quantifier.None, Column.Path.Count: 0 })
            || !filters.Select(f => f.Column.Column).ToHashSet(StringComparer.Ordinal).SetEquals(primaryKey)
            || filters.Count != primaryKey.Count)
        {
            throw new PostgrestException(new PostgrestError("PGRST105", null, null,
                "Filters must include all and only primary key columns with 'eq' operators") { Status = 405 });
        }

        if (query.Limit is not null || query.Offset > 0)
        {
            throw new PostgrestException(new PostgrestError("PGRST114", null, null,
                "limit/offset querystring parameters are not allowed for PUT") { Status = 400 });
        }

        var text = await RequestBody.ReadTextAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);
        var body = RequestBody.Parse(text, allowArray: false);
        if (!filters.All(f => PayloadValue(body.Json, f.Column.Column) == f.Value))
        {
            throw new PostgrestException(new PostgrestError("PGRST115", null, null,
                "Payload values do not match URL in primary key column(s)") { Status = 400 });
        }

        var columns = body.Columns(table, query.Columns);
        var upsert = prefs with { Resolution = "merge-duplicates" };
        var statement = StatementBuilder.Insert(
            catalog, table, query with { OnConflict = null }, "[" + body.Json + "]", columns, upsert, shape.Single, shape.StripNulls);
        if (await ExecuteOrExplainAsync(context, identity, statement, shape) is not { } result)
        {
            return;
        }

        var representation = prefs.Return == "representation";
        await RestResponses.WriteBodyAsync(context, representation ? StatusCodes.Status200OK : StatusCodes.Status204NoContent,
            representation ? result.Body : null, shape.ContentType, context.RequestAborted);
    }

    /// <summary>The payload's value of a key as PostgREST compares it with the URL's: a string as is, else its JSON text.</summary>
    private static string? PayloadValue(string json, string key)
    {
        using var document = JsonDocument.Parse(json);
        return !document.RootElement.TryGetProperty(key, out var value) ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }
}
