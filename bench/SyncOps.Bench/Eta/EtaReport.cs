namespace SyncOps.Bench.Eta;

/// <summary>One progress write of a simulated sync: when (seconds since start) and the count written.</summary>
internal readonly record struct EtaReport(double Seconds, int Done);
