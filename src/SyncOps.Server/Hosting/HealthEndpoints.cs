using Npgsql;

namespace SyncOps.Server.Hosting;

/// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not (for load balancers).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async Task<IResult> (NpgsqlDataSource dataSource, CancellationToken ct) =>
        {
            try
            {
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return TypedResults.Ok(new { status = "ok" });
            }
            catch (NpgsqlException)
            {
                return TypedResults.Json(new { status = "database unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
