using SyncOps.Tracking;

namespace SyncOps.Bench.Dashboard;

/// <summary>What every run needs: the server process and the tracker that writes progress (as the engine would).</summary>
internal sealed record BenchContext(ServerProcess Server, SyncTracker Tracker);
