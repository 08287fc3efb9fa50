namespace SyncOps.Tracking;

/// <summary>The values of <c>sync_progress.status</c> (checked by the table's constraint).</summary>
public static class SyncStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Timeout = "timeout";
}
