using System.Text.Json.Serialization;

namespace SyncOps.Server.Errors;

/// <summary>
/// PostgREST's error body: all four keys always present, null when empty (protocol reference §6.4). postgrest-js hands
/// it to the caller as <c>error</c> verbatim, so <c>error.code</c>, <c>error.message</c> are what applications test.
/// </summary>
internal sealed record PostgrestError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("details")] string? Details,
    [property: JsonPropertyName("hint")] string? Hint,
    [property: JsonPropertyName("message")] string Message)
{
    [JsonIgnore]
    public int Status { get; init; } = 400;

    public static PostgrestError Parse(string message, string? details = null, string? hint = null) =>
        new("PGRST100", details, hint, message) { Status = 400 };

    public static PostgrestError InvalidBody(string message, string? details = null) =>
        new("PGRST102", details, null, message) { Status = 400 };

    public static PostgrestError RangeNotSatisfiable(string details) =>
        new("PGRST103", details, null, "Requested range not satisfiable") { Status = 416 };

    public static PostgrestError InvalidSchema(string schema) =>
        new("PGRST106", null, "Only the following schemas are exposed: public", $"Invalid schema: {schema}") { Status = 406 };

    public static PostgrestError MediaTypeUnavailable(string accept) =>
        new("PGRST107", null, null, $"None of these media types are available: {accept}") { Status = 406 };

    /// <summary>PostgREST ≥ 13's text; "0 rows" in details keeps old maybeSingle() working (reference §5.3, §6.3).</summary>
    public static PostgrestError NotSingular(string details) =>
        new("PGRST116", details, null, "Cannot coerce the result to a single JSON object") { Status = 406 };

    public static PostgrestError MethodNotAllowed(string method) =>
        new("PGRST117", null, null, $"Unsupported HTTP method: {method}") { Status = 405 };

    public static PostgrestError FunctionNotFound(string signature, string details, string? hint = null) =>
        new("PGRST202", details, hint, $"Could not find the function {signature} in the schema cache") { Status = 404 };

    public static PostgrestError ColumnNotFound(string column, string table) =>
        new("PGRST204", null, null, $"Could not find the '{column}' column of '{table}' in the schema cache") { Status = 400 };

    public static PostgrestError TableNotFound(string name, string? hint) =>
        new("PGRST205", null, hint, $"Could not find the table 'public.{name}' in the schema cache") { Status = 404 };

    public static PostgrestError Jwt(string message) => new("PGRST301", null, null, message) { Status = 401 };

    public static PostgrestError JwtClaims(string message) => new("PGRST303", null, null, message) { Status = 401 };

    /// <summary>PostgREST reports an unknown role as PostgreSQL's 22023 with HTTP 401 (reference §7.2).</summary>
    public static PostgrestError UnknownRole(string role) =>
        new("22023", null, null, $"role \"{role}\" does not exist") { Status = 401 };

    public static PostgrestError UndefinedColumn(string table, string column) =>
        new("42703", null, null, $"column {table}.{column} does not exist") { Status = 400 };
}
