using Npgsql;
using Polly;
using Polly.Retry;
using SyncOps.Tracking;

namespace SyncOps.Engine;

/// <summary>
/// Retries database work across a PostgreSQL restart or a dropped connection. Every write the engine retries is
/// idempotent: the upsert skips rows with the same hash and the checkpoint is set, not incremented.
/// </summary>
internal static class DatabaseRetry
{
    public static ResiliencePipeline Create(EngineOptions options) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 25,
            Delay = options.DatabaseRetryDelay,
            MaxDelay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => IsTransientState(p.SqlState) || p.IsTransient,
        SyncTrackingException { SqlState: { } state } => IsTransientState(state),
        SyncTrackingException { InnerException: { } inner } => IsTransient(inner),
        NpgsqlException n => n.IsTransient || n.InnerException is System.Net.Sockets.SocketException or IOException or EndOfStreamException,
        _ => false,
    };

    // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now; 53: insufficient resources.
    private static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) ||
        state.StartsWith("53", StringComparison.Ordinal) || state is "40001" or "40P01";
}
