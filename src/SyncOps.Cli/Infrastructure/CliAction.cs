using System.CommandLine;

namespace SyncOps.Cli.Infrastructure;

/// <summary>Runs a command's body and turns any failure into one clear line on stderr and its exit code.</summary>
internal static class CliAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliErrors.Fail("cancelled", ExitCodes.Cancelled);
            }
            catch (CliUsageException e)
            {
                return CliErrors.Fail(CliUsage.WithUsage(e.Message, parse.CommandResult.Command), ExitCodes.Usage);
            }
#pragma warning disable CA1031 // The edge of the program: whatever escapes a command becomes one line, not a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return CliErrors.Report(e, parse.GetValue(CliOptions.Verbose));
            }
        });

    /// <summary>A failure the command found itself (exit code 1).</summary>
    public static int Fail(string message) => CliErrors.Fail(message);
}
