using System.Diagnostics;

namespace SyncOps.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>syncops</c> command (SyncOps.Cli.dll, built next to the tests through the project reference) as a
/// process, with <c>SYNCOPS_DATABASE_URL</c> pointing at the test cluster so it never starts a database of its own.
/// Its stdout and stderr are pipes, as in a script: what a person gets from <c>syncops keys | jq</c>.
/// </summary>
public static class SyncOpsCli
{
    public static Task<CliResult> RunAsync(string databaseUrl, params string[] arguments) =>
        RunAsync(databaseUrl, new Dictionary<string, string>(), arguments);

    public static Task<CliResult> RunAsync(
        string databaseUrl, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunWithInputAsync(databaseUrl, environment, null, arguments);

    /// <summary>Runs the CLI with <paramref name="input"/> on its standard input (null: none).</summary>
    public static async Task<CliResult> RunWithInputAsync(
        string databaseUrl, IReadOnlyDictionary<string, string> environment, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SyncOps.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SYNCOPS_DATABASE_URL"] = databaseUrl;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A hung CLI must fail the test run rather than stall it; this is a safety net, not a timing assertion, and
        // generous: `demo` runs real syncs while the suite's other tests load the same two cores.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Killing it ends its output, so the failure can say what it had printed by then.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"syncops {string.Join(' ', arguments)} did not exit within 5 minutes; it printed:\n{await output}\n{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
