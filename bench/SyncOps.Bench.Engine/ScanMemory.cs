using System.Globalization;
using SyncOps.Engine;

namespace SyncOps.Bench.Engine;

/// <summary>
/// What the scan's integrity check holds per record, measured (live heap before and after filling it with N sequential
/// ids): the current <see cref="SeenRecords"/> and, for comparison, the dictionary it replaced.
/// </summary>
internal static class ScanMemory
{
    public static string Describe(int records)
    {
        var now = Measure(() =>
        {
            var seen = new SeenRecords();
            for (var i = 1; i <= records; i++)
            {
                seen.Set(i.ToString(CultureInfo.InvariantCulture), new SeenRecords.Entry(i & 0xFFFFFF, 1));
            }

            return seen;
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
            $"scan-integrity memory for {records:N0} records: {now / 1048576.0:0.0} MiB ({(double)now / records:0.0} B/record); the dictionary it replaced: {before / 1048576.0:0.0} MiB ({(double)before / records:0.0} B/record)");
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
