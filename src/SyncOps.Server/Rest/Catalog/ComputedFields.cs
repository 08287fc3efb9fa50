namespace SyncOps.Server.Rest.Catalog;

/// <summary>
/// PostgREST's computed fields (docs, "Computed fields"): a function of an exposed schema whose one parameter is a
/// table's row type and which returns one value is readable as a column of that table in select, filters and order
/// (not in <c>*</c>, and not writable). Set-returning ones would be computed relationships, which SyncOps does not embed.
/// </summary>
internal static class ComputedFields
{
    public static void Attach(IReadOnlyDictionary<string, TableInfo> tables, IReadOnlyDictionary<string, List<FunctionInfo>> functions)
    {
        foreach (var function in functions.Values.SelectMany(f => f))
        {
            if (function is not { Parameters: [var parameter], Shape: ResultShape.Scalar })
            {
                continue;
            }

            // format_type prints a row type schema-qualified unless its schema is on the search path (public).
            var table = tables.Values.FirstOrDefault(t => t.Schema == function.Schema
                && (parameter.TypeName == t.Name || parameter.TypeName == $"{t.Schema}.{t.Name}"));
            if (table is not null && table.Find(function.Name) is null)
            {
                table.Computed[function.Name] = new ColumnInfo(function.Name, function.ReturnType, false) { Function = function.QualifiedName };
            }
        }
    }
}
