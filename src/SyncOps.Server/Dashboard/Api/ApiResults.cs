namespace SyncOps.Server.Dashboard.Api;

/// <summary>The dashboard API's answers: JSON built by PostgreSQL passed through as is, and errors as <c>{"message"}</c>.</summary>
internal static class ApiResults
{
    public static IResult Json(string? json) => TypedResults.Text(json ?? "null", "application/json");

    public static IResult NotFound(string message) => TypedResults.Json(new { message }, statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string message) => TypedResults.Json(new { message }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Conflict(string message) => TypedResults.Json(new { message }, statusCode: StatusCodes.Status409Conflict);
}
