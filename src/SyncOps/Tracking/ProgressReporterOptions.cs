namespace SyncOps.Tracking;

/// <summary>How often a <see cref="SyncProgressReporter"/> writes: every N items or every T, whichever comes first.</summary>
public sealed record ProgressReporterOptions
{
    /// <summary>The guide's tip is 100 to 500 items between updates.</summary>
    public int EveryItems { get; init; } = 500;

    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(1);
}
