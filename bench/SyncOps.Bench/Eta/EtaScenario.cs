namespace SyncOps.Bench.Eta;

/// <summary>
/// A simulated sync: its total, its true speed (items per second) at each moment, and, for syncs that wait on a known
/// Retry-After, when the wait in progress at each moment ends (null while working). The engine knows that end the
/// moment the source names it, so the simulation announces it then.
/// </summary>
internal sealed record EtaScenario(
    string Name, int TotalItems, Func<double, double> ItemsPerSecond, Func<double, double?>? WaitEndsAt = null);
