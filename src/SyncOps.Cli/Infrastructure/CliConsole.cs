using Spectre.Console;

namespace SyncOps.Cli.Infrastructure;

/// <summary>The terminal, or not: output piped into a file or another program is never wrapped.</summary>
internal static class CliConsole
{
    /// <summary>Wide enough that no table row or message wraps; Spectre only pads to the content, not to this.</summary>
    public const int RedirectedWidth = 4096;

    public static void Configure()
    {
        // With no terminal Spectre assumes 80 columns and wraps sync ids and URLs mid-word, which breaks grep and cut.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
        }
    }
}
