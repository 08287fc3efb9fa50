namespace SyncOps.Tracking;

/// <summary>
/// A running sync waiting to retry its source, from the row's <c>metadata.retry</c> (written by
/// <see cref="SyncTracker.RecordRetryAsync"/>): "rate limited, retry 2 of 5 in 4 s".
/// </summary>
public sealed record SyncRetryState(
    string SyncId,
    string EntityType,
    Guid? ConnectionId,
    int Attempt,
    int MaxAttempts,
    string Reason,
    DateTimeOffset NextAttemptAt)
{
    /// <summary>How long until the next attempt from <paramref name="now"/>; zero once it is due.</summary>
    public TimeSpan WaitFrom(DateTimeOffset now) => NextAttemptAt > now ? NextAttemptAt - now : TimeSpan.Zero;
}
