using System.Globalization;
using SyncOps.Tracking;

namespace SyncOps.Cli.Infrastructure;

/// <summary>
/// Why a running sync is not moving, in words, as the dashboard says it: "rate limited, retry 2 of 5 in 4 s" while the
/// engine waits to retry its source, "stalled: ..." when it has been silent as long as <c>maintenance run</c> tolerates
/// before timing it out (<c>timeout_stale_syncs</c>: <c>updated_at</c>, which every report and heartbeat moves).
/// </summary>
internal sealed class SyncStates(IReadOnlyList<SyncRetryState> retries, TimeSpan staleAfter, DateTimeOffset now)
{
    public bool IsStalled(SyncProgress sync) => sync.IsRunning && now - sync.UpdatedAt >= staleAfter;

    public string Describe(SyncProgress sync)
    {
        if (!sync.IsRunning)
        {
            return sync.Status;
        }

        if (retries.FirstOrDefault(r => r.SyncId == sync.SyncId) is { } retry && retry.WaitFrom(now) > TimeSpan.Zero)
        {
            return Waiting(retry, now);
        }

        return IsStalled(sync)
            ? $"stalled: no report or heartbeat for {CliOutput.Duration((int)(now - sync.UpdatedAt).TotalSeconds)}"
            : sync.Status;
    }

    /// <summary>"rate limited, retry 2 of 5 in 4 s" (the engine's reason, the attempt, the wait rounded up).</summary>
    public static string Waiting(SyncRetryState retry, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"{retry.Reason}, retry {retry.Attempt} of {retry.MaxAttempts} in {Math.Ceiling(retry.WaitFrom(now).TotalSeconds)} s");
}
