using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using SyncOps.Connectors.Http;
using SyncOps.Connectors.Odoo;
using SyncOps.Connectors.WooCommerce;

namespace SyncOps.Connectors;

/// <summary>
/// The typed clients and their pipeline, outermost first: per-store concurrency limit, retry (exponential with jitter on
/// 408, 429, 5xx, timeouts and invalid bodies, honouring Retry-After), circuit breaker, per-attempt timeout; then,
/// per attempt, authentication (fresh OAuth nonce) and the invalid-body check. Pipelines are per authority, so one
/// failing store never opens the circuit for another. Here beside <see cref="ConnectorFactory"/>, not in Http/, so that
/// Http/ depends on none of the connectors that use it.
/// </summary>
internal static class SourceHttpRegistration
{
    public static IServiceCollection AddSourceHttpClients(this IServiceCollection services)
    {
        services.AddTransient<WooCommerceAuthHandler>();
        services.AddTransient<InvalidBodyHandler>();
        services.AddHttpClient<WooCommerceClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("woocommerce", (builder, context) => Configure(builder, context.ServiceProvider)).SelectPipelineByAuthority();
        services.AddHttpClient<WooCommerceClient>()
            .AddHttpMessageHandler<WooCommerceAuthHandler>()
            .AddHttpMessageHandler<InvalidBodyHandler>();
        services.AddHttpClient<OdooClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("odoo", (builder, context) => Configure(builder, context.ServiceProvider)).SelectPipelineByAuthority();
        services.AddHttpClient<OdooClient>().AddHttpMessageHandler<InvalidBodyHandler>();
        return services;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<SourceHttpOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        builder.AddConcurrencyLimiter(options.MaxConcurrentRequestsPerStore, queueLimit: 1000);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options, time)),
            // Polly numbers attempts from 0: the first retry follows attempt 0.
            OnRetry = args => SourceRetryObserver.NotifyAsync(
                new SourceRetry(args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay, RetryReason(args.Outcome))),
        });
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // Open only when a store is plainly down: half the calls failing over 30 s, with at least 20 calls.
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        });
        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>What the dashboard says while the sync waits: "rate limited, retry 2 of 5 in 30 s".</summary>
    private static string RetryReason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => "rate limited",
        { Result.StatusCode: HttpStatusCode.ServiceUnavailable } => "source unavailable",
        { Result: { } response } => $"source answered HTTP {(int)response.StatusCode}",
        { Exception: Polly.Timeout.TimeoutRejectedException } => "source timed out",
        _ => "source unreachable",
    };

    /// <summary>Retry-After (seconds or a date), capped; null lets the exponential backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, SourceHttpOptions options, TimeProvider time)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) ||
            response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, options.MaxRetryAfter.Ticks)) : null;
    }
}
