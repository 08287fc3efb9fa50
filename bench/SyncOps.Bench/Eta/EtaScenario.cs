namespace SyncOps.Bench.Eta;

/// <summary>A simulated sync: its total and its true speed (items per second) at each moment.</summary>
internal sealed record EtaScenario(string Name, int TotalItems, Func<double, double> ItemsPerSecond);
