using Npgsql;
using SyncOps.Bench.Infrastructure;

namespace SyncOps.Bench.Eta;

/// <summary>
/// Benchmark 3: how far eta_seconds is from the true remaining time, as a mean absolute percentage error (MAPE), vs
/// the naive remaining / average-rate estimate, per scenario and overall. Judged at every write between 5% and 95% of
/// the sync's true duration (at the very start and end percentages explode for any estimator).
/// </summary>
internal static class EtaBenchmark
{
    public static async Task RunAsync(NpgsqlDataSource dataSource)
    {
        Console.WriteLine("## eta: MAPE of eta_seconds (database estimator) vs remaining / average rate (naive)");
        await using var connection = await dataSource.OpenConnectionAsync();
        var replay = new EtaReplay(connection);
        var table = new ResultTable("scenario", "duration s", "writes judged", "estimator MAPE %", "naive MAPE %", "estimator / naive");
        double estimatorSum = 0, naiveSum = 0;
        foreach (var scenario in EtaScenarios.All)
        {
            var (reports, finishedAt) = SimulatedSync.Run(scenario);
            var etas = await replay.RunAsync(scenario.TotalItems, reports);
            double estimatorError = 0, naiveError = 0;
            var judged = 0;
            for (var i = 0; i < reports.Count; i++)
            {
                var (seconds, done, _) = reports[i];
                var remaining = finishedAt - seconds;
                if (seconds < 0.05 * finishedAt || remaining < 0.05 * finishedAt || done == 0)
                {
                    continue;
                }

                var naive = (scenario.TotalItems - done) / (done / seconds);
                // No estimate at all is as wrong as an estimate of zero.
                estimatorError += Math.Abs((etas[i] ?? 0) - remaining) / remaining;
                naiveError += Math.Abs(naive - remaining) / remaining;
                judged++;
            }

            var estimatorMape = 100 * estimatorError / judged;
            var naiveMape = 100 * naiveError / judged;
            estimatorSum += estimatorMape;
            naiveSum += naiveMape;
            table.Add(scenario.Name, finishedAt, judged, estimatorMape, naiveMape, estimatorMape / naiveMape);
        }

        var count = EtaScenarios.All.Count;
        table.Add("overall (mean of scenarios)", "", "", estimatorSum / count, naiveSum / count, estimatorSum / naiveSum);
        table.Print();
    }
}
