using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SyncOps.Testing;

/// <summary>
/// Stops the throw-away test cluster and deletes its folder once the test process is gone. A ProcessExit handler is
/// not enough: vstest kills the test host when the run ends, so the handler often never ran and every run left a
/// PostgreSQL server (with its 256 MB of shared buffers) behind. A detached shell outlives the host and cleans up.
/// </summary>
public static class ClusterWatchdog
{
    // $1 = test process id, $2 = the cluster's data_directory, $3 = the test run's temporary folder.
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        pid_file="$2/postmaster.pid"
        if [ -f "$pid_file" ]; then
          kill -INT "$(head -n 1 "$pid_file")"
          i=0
          while [ -f "$pid_file" ] && [ "$i" -lt 120 ]; do sleep 0.5; i=$((i + 1)); done
        fi
        rm -rf "$2" "$3"
        """;

    public static async Task StopWhenProcessEndsAsync(NpgsqlDataSource dataSource, string temporaryFolder)
    {
        // The server knows where its data is, wherever EmbeddedPostgres put it (a root user's cluster may live elsewhere).
        await using var command = dataSource.CreateCommand("select current_setting('data_directory')");
        var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "sh", "-c", Script, "syncops-test-watchdog",
                     Environment.ProcessId.ToString(CultureInfo.InvariantCulture), dataDirectory, temporaryFolder,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster watchdog");
    }
}
