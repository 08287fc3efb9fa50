namespace SyncOps.Bench.Infrastructure;

/// <summary>The machine's load average (1, 5, 15 minutes), printed with results: other work on the cores inflates wall times.</summary>
internal static class LoadAverage
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
