namespace SyncOps.Server.Rest.Catalog;

/// <summary>How PostgREST shapes a function's result (protocol reference §6.1).</summary>
internal enum ResultShape
{
    /// <summary>returns void: 204, no body.</summary>
    Void,

    /// <summary>a single base-type value (json, jsonb, integer, ...): the bare JSON value.</summary>
    Scalar,

    /// <summary>a single composite row: a JSON object.</summary>
    Row,

    /// <summary>setof / table of rows: a JSON array of objects, filterable like a table.</summary>
    Rows,

    /// <summary>setof a base type: a JSON array of values.</summary>
    Scalars,
}

internal sealed record FunctionParameter(string Name, string TypeName, bool HasDefault);

/// <summary>A function of an exposed schema callable through /rest/v1/rpc/{name}.</summary>
internal sealed record FunctionInfo(
    string Name,
    IReadOnlyList<FunctionParameter> Parameters,
    ResultShape Shape,
    bool IsVolatile,
    IReadOnlyList<ColumnInfo> ResultColumns)
{
    public string Schema { get; init; } = "public";

    /// <summary>The result type as format_type prints it (a computed field's values are cast to it in filters).</summary>
    public string ReturnType { get; init; } = "text";

    public string QualifiedName => Sql.SqlText.Quote(Schema) + "." + Sql.SqlText.Quote(Name);

    public string Signature => $"{Schema}.{Name}({string.Join(", ", Parameters.Select(p => p.Name))})";
}
