namespace SyncOps.Bench.Eta;

/// <summary>
/// Runs a scenario in simulated time and records the writes the SDK's reporter would make (every 500 items or 1 s,
/// whichever comes first) plus a heartbeat every 15 s while no item completes, one write the moment a wait on the source
/// begins (the engine's RecordRetryAsync), and one when the sync truly ends.
/// </summary>
internal static class SimulatedSync
{
    private const double Step = 0.05;
    private const double HeartbeatEvery = 15;

    public static (IReadOnlyList<EtaReport> Reports, double FinishedAt) Run(EtaScenario scenario)
    {
        var reports = new List<EtaReport>();
        double t = 0, fraction = 0, lastWrite = 0;
        int done = 0, written = 0;
        double? waitingUntil = null;
        while (done < scenario.TotalItems)
        {
            t += Step;
            var waitEnd = scenario.WaitEndsAt?.Invoke(t);
            var waitBegins = waitEnd is not null && waitEnd != waitingUntil;
            waitingUntil = waitEnd ?? waitingUntil;
            fraction += scenario.ItemsPerSecond(t) * Step;
            var whole = (int)fraction;
            fraction -= whole;
            done = Math.Min(scenario.TotalItems, done + whole);
            var due = done > written && (done - written >= 500 || t - lastWrite >= 1);
            var heartbeat = done == written && t - lastWrite >= HeartbeatEvery;
            if (due || heartbeat || waitBegins || done == scenario.TotalItems)
            {
                reports.Add(new EtaReport(t, done, waitingUntil));
                written = done;
                lastWrite = t;
            }
        }

        return (reports, t);
    }
}
