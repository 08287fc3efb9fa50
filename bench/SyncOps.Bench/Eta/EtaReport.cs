namespace SyncOps.Bench.Eta;

/// <summary>
/// One progress write of a simulated sync: when (seconds since start), the count written, and the end of the wait the
/// worker announced with it (seconds since start; null when it has never waited), as <c>waiting_until</c> carries it.
/// </summary>
internal readonly record struct EtaReport(double Seconds, int Done, double? WaitingUntil);
