using System.Diagnostics;
using System.Text.Json;

namespace SyncOps.Bench.Dashboard;

/// <summary>
/// The supabase-js side of the load run: one node process (realtime-clients.cjs) holding the dashboards' clients, each
/// a real createClient with its own WebSocket and user token, subscribed to its organisation's sync_progress UPDATEs.
/// </summary>
internal sealed class RealtimeClients : IAsyncDisposable
{
    private readonly Process _node;

    private RealtimeClients(Process node) => _node = node;

    /// <summary>Starts the clients and returns once every channel is subscribed (joins are not part of the measurement).</summary>
    public static async Task<RealtimeClients> StartAsync(string url, string anonKey, string org, IReadOnlyList<string> tokens)
    {
        var root = Report.RepositoryRoot();
        var compat = Path.Combine(root, "compat");
        if (!Directory.Exists(Path.Combine(compat, "node_modules", "@supabase", "supabase-js")))
        {
            throw new InvalidOperationException("compat/node_modules is missing: run `npm ci` in compat/ first");
        }

        var script = Path.Combine(root, "bench", "SyncOps.Bench.Dashboard", "realtime-clients.cjs");
        var start = new ProcessStartInfo("node", [script, compat, url, anonKey, org, .. tokens])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var node = Process.Start(start)!;
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("realtime clients: " + e.Data); } };
        node.BeginErrorReadLine();
        var line = await node.StandardOutput.ReadLineAsync();
        if (line != "ready")
        {
            node.Kill();
            throw new InvalidOperationException("the realtime clients did not subscribe: " + line);
        }

        return new RealtimeClients(node);
    }

    /// <summary>Stops listening and returns what the clients received (updates, each one's age on arrival in ms) and the CPU the node process used.</summary>
    public async Task<(long Updates, List<double> AgesMs, double ClientCpuSeconds)> StopAsync()
    {
        _node.StandardInput.Close();
        var json = await _node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the realtime clients printed nothing");
        using var result = JsonDocument.Parse(json);
        var ages = result.RootElement.GetProperty("ages").EnumerateArray().Select(a => a.GetDouble()).ToList();
        return (result.RootElement.GetProperty("updates").GetInt64(), ages, result.RootElement.GetProperty("cpuSeconds").GetDouble());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill();
        }

        await _node.WaitForExitAsync();
        _node.Dispose();
    }
}
