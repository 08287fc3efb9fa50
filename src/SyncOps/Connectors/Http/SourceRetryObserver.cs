namespace SyncOps.Connectors.Http;

/// <summary>One retry of a source call: which retry, of how many, after what delay, and why.</summary>
public sealed record SourceRetry(int Attempt, int MaxAttempts, TimeSpan Delay, string Reason);

/// <summary>
/// Lets the code making source calls hear about their retries. The HTTP pipeline is shared by every sync of a store,
/// so it cannot know which sync a retry belongs to; the sync that makes the call can. An engine run observes through an
/// <see cref="AsyncLocal{T}"/>, which flows into the page fetches it starts and into the pipeline's retry callback.
/// </summary>
public static class SourceRetryObserver
{
    private static readonly AsyncLocal<Func<SourceRetry, ValueTask>?> s_current = new();

    /// <summary>Until disposed, retries of calls made from this async flow are passed to <paramref name="observer"/>.</summary>
    public static IDisposable Observe(Func<SourceRetry, ValueTask> observer)
    {
        var previous = s_current.Value;
        s_current.Value = observer;
        return new Restore(previous);
    }

    internal static ValueTask NotifyAsync(SourceRetry retry) => s_current.Value?.Invoke(retry) ?? ValueTask.CompletedTask;

    private sealed class Restore(Func<SourceRetry, ValueTask>? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
