namespace SyncOps.Bench.Engine;

/// <summary>One phase's result: items, time, and the process's peak working set during it.</summary>
internal sealed record Measured(int Items, TimeSpan Elapsed, long PeakWorkingSet)
{
    public double Rate => Items / Elapsed.TotalMinutes;
}
