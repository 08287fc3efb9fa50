using System.Net.Sockets;
using Npgsql;

namespace SyncOps.Cli.Infrastructure;

/// <summary>
/// How a failure reaches a person: one line on stderr starting with "syncops:", and an exit code from
/// <see cref="ExitCodes"/>. The stack trace only with --verbose: a newcomer needs the cause, not our call chain.
/// </summary>
internal static class CliErrors
{
    public static int Fail(string message, int exitCode = ExitCodes.Failed)
    {
        Console.Error.WriteLine($"syncops: {OneLine(message)}");
        return exitCode;
    }

    public static int Report(Exception exception, bool verbose)
    {
        Fail(Describe(exception));
        if (verbose)
        {
            Console.Error.WriteLine(exception.ToString());
        }

        return ExitCodes.Failed;
    }

    /// <summary>The cause in words: our own messages as they are, the database's with its SQLSTATE, the rest with its type.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SyncOpsException e => e.Message,
        PostgresException e => $"{e.MessageText}{(e.Detail is { Length: > 0 } detail ? $" ({detail})" : "")} [SQLSTATE {e.SqlState}]",
        NpgsqlException { InnerException: SocketException socket } e => $"database unreachable: {e.Message} ({socket.Message})",
        NpgsqlException { InnerException: TimeoutException } e => $"database unreachable: {e.Message} (timed out)",
        NpgsqlException e => $"database error: {e.Message}",
        HttpRequestException e => $"source unreachable: {e.Message}",
        _ => $"{exception.Message} ({exception.GetType().Name}; --verbose shows where)",
    };

    /// <summary>Messages from below may span lines (PostgreSQL's hints, aggregate exceptions); a failure is one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
