namespace SyncOps.Alerts;

/// <summary>The conditions a rule can watch, as stored in <c>alert_rules.condition</c> (migration 0090).</summary>
public static class AlertConditions
{
    /// <summary>The latest finished sync of a stream failed.</summary>
    public const string Failed = "failed";

    /// <summary>The latest finished sync of a stream stalled and was ended as <c>timeout</c>.</summary>
    public const string Timeout = "timeout";

    /// <summary>The latest finished sync completed with errors on more than <c>threshold</c> % of its items.</summary>
    public const string ErrorsAbove = "errors_above";

    /// <summary>The latest completed sync ran more than <c>threshold</c> % slower than the median of the ones before it.</summary>
    public const string SlowerThanBaseline = "slower_than_baseline";

    /// <summary>The latest <c>threshold</c> finished syncs of a stream all failed or timed out.</summary>
    public const string ConsecutiveFailures = "consecutive_failures";

    /// <summary>A schedule has had no completed run for <c>after_seconds</c>.</summary>
    public const string ScheduleNotSucceeded = "schedule_not_succeeded";

    public static readonly IReadOnlyList<string> All =
        [Failed, Timeout, ErrorsAbove, SlowerThanBaseline, ConsecutiveFailures, ScheduleNotSucceeded];

    /// <summary>The condition, or an error listing the valid ones.</summary>
    public static string Parse(string? text) =>
        All.FirstOrDefault(c => string.Equals(c, text?.Trim().Replace('-', '_'), StringComparison.OrdinalIgnoreCase))
        ?? throw new SyncOpsException($"unknown alert condition \"{text}\": use one of {string.Join(", ", All)}");
}
