using System.Globalization;
using SyncOps.Engine;

namespace SyncOps.Bench.Engine;

/// <summary>
/// What the scan's integrity check holds for N records, measured (live heap before and after filling them with N
/// sequential ids): its two id sets (the run's and the pass's, <see cref="RecordIdSet"/>) and, for comparison, the
/// dictionary of issue 10's first version.
/// </summary>
internal static class ScanMemory
{
    public static string Describe(int records)
    {
        var now = Measure(() =>
        {
            var (run, pass) = (new RecordIdSet(), new RecordIdSet());
            for (var i = 1; i <= records; i++)
            {
                var id = i.ToString(CultureInfo.InvariantCulture);
                run.Add(id);
                pass.Add(id);
            }

            return (run, pass);
        });
        var before = Measure(() =>
        {
            var dictionary = new Dictionary<long, (long Updated, int Pass)>();
            for (var i = 1; i <= records; i++)
            {
                dictionary[i] = (i, 1);
            }

            return dictionary;
        });
        return string.Create(CultureInfo.InvariantCulture,
            $"scan-integrity memory for {records:N0} records: {now / 1048576.0:0.00} MiB ({(double)now / records:0.00} B/record); the dictionary of the first version: {before / 1048576.0:0.0} MiB ({(double)before / records:0.0} B/record)");
    }

    private static long Measure(Func<object> fill)
    {
        var start = GC.GetTotalMemory(forceFullCollection: true);
        var filled = fill();
        var used = GC.GetTotalMemory(forceFullCollection: true) - start;
        GC.KeepAlive(filled);
        return used;
    }
}
