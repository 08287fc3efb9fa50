using Npgsql;
using OpenTelemetry.Metrics;

namespace SyncOps.Server.Metrics;

/// <summary>
/// <c>/metrics</c> in Prometheus format through OpenTelemetry: the SyncOps meter (<see cref="SyncMetricsSampler"/>),
/// ASP.NET Core's request durations (REST included) and Polly's resilience events (source HTTP retries, from the
/// connectors' pipelines); and <c>/readyz</c>.
/// </summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddSyncOpsMetrics(this IServiceCollection services)
    {
        services.AddSingleton<SyncMetricsSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncMetricsSampler>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SyncMetricsSampler.MeterName, "Microsoft.AspNetCore.Hosting", "Polly")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapSyncOpsMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        // Ready = the database answers a query now; /healthz says the same for load balancers that only know that name.
        app.MapGet("/readyz", async Task<IResult> (NpgsqlDataSource dataSource, CancellationToken ct) =>
        {
            try
            {
                await using var command = dataSource.CreateCommand("select count(*) from public.schema_migrations");
                await command.ExecuteScalarAsync(ct);
                return TypedResults.Ok(new { status = "ready" });
            }
            catch (NpgsqlException)
            {
                return TypedResults.Json(new { status = "database unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
