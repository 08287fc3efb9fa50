using System.CommandLine;
using Npgsql;

namespace SyncOps.Cli.Infrastructure;

/// <summary>Runs a command's body and turns any failure into one clear line on stderr and a non-zero exit code.</summary>
internal static class CliAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (SyncOpsException e)
            {
                return Fail(e.Message);
            }
            catch (PostgresException e)
            {
                return Fail($"{e.MessageText} ({e.SqlState})");
            }
            catch (NpgsqlException e)
            {
                return Fail($"database unreachable: {e.Message}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail("cancelled");
            }
        });

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"syncops: {message}");
        return 1;
    }
}
