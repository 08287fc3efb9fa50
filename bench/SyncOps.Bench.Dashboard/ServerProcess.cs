using System.Diagnostics;
using System.Globalization;

namespace SyncOps.Bench.Dashboard;

/// <summary>
/// The server in its own process (SyncOps.Server.dll, what <c>syncops serve</c> runs), so its CPU time and memory are
/// measured apart from the load generator's: utime + stime and VmRSS from /proc.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>For attaching a profiler (dotnet-trace) while a way runs.</summary>
    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(string databaseUrl, string jwtSecret, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SyncOps.Server.dll");
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SYNCOPS_DATABASE_URL"] = databaseUrl;
        start.Environment["SYNCOPS_JWT_SECRET"] = jwtSecret;
        start.Environment["SYNCOPS_SECRET_KEY"] = Convert.ToBase64String(new byte[32]);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync(url + "/readyz")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        process.Kill();
        throw new InvalidOperationException("the server did not become ready");
    }

    /// <summary>CPU seconds used so far (user + system).</summary>
    public double CpuSeconds()
    {
        var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the ")" : state is field 0, utime field 11, stime field 12 (clock ticks, 100 per second on Linux).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Resident memory in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
