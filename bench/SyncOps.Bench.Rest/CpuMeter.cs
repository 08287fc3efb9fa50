using System.Diagnostics;
using System.Globalization;

namespace SyncOps.Bench.Rest;

/// <summary>
/// CPU time spent by this process (the server and the HTTP clients) and by the PostgreSQL cluster (the postmaster and
/// all its children: backends, WAL writer, ...), read from /proc, so that each path's cost per operation can be split
/// between the two: on a shared 2-core machine the CPU per operation says more than the wall-clock rate.
/// </summary>
internal sealed class CpuMeter(int postmasterPid)
{
    private static readonly double s_ticksPerMs = 100 / 1000.0; // USER_HZ: 100 on Linux

    /// <summary>The postmaster is the parent of any backend: <paramref name="backendPid"/> is <c>pg_backend_pid()</c>.</summary>
    public static CpuMeter ForBackend(int backendPid) => new(ParentOf(backendPid));

    public (double ProcessMs, double PostgresMs) Now()
    {
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            var stat = Stat(pid);
            if (stat is not null && (pid == postmasterPid || int.Parse(stat[1], CultureInfo.InvariantCulture) == postmasterPid))
            {
                postgres += (long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)) / s_ticksPerMs;
            }
        }

        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime.TotalMilliseconds, postgres);
    }

    private static int ParentOf(int pid) => int.Parse(Stat(pid)![1], CultureInfo.InvariantCulture);

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }
}
