using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SyncOps.Cli.Commands;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;

namespace SyncOps.Cli;

/// <summary>
/// The <c>syncops</c> command tree. A plain <see cref="Command"/> named "syncops" rather than a RootCommand, whose name
/// would be the assembly's ("SyncOps.Cli") in every usage line. Settings come in once, from Program.cs.
/// </summary>
internal static class SyncOpsCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var help = new HelpOption();
        var root = new Command("syncops", "SyncOps: run and watch data syncs between your app and the stores and ERPs your customers use.")
        {
            help,
            new VersionOption(),
            CliOptions.Verbose,
            DbCommands.Create(settings),
            MigrateCommand.Create(settings),
            UserCommands.Create(settings),
            MaintenanceCommands.Create(settings),
            ReportCommands.Create(settings),
            StatusCommand.Create(settings),
            DemoCommand.Create(settings),
            ConnectionCommands.Create(settings),
            ScheduleCommands.Create(settings),
            AlertCommands.Create(settings),
            SyncCommands.Create(settings),
            SimulateCommands.Create(),
            ServeCommand.Create(settings),
            KeysCommand.Create(settings),
        };
        if (help.Action is HelpAction helpAction && Console.IsOutputRedirected)
        {
            // Piped help (into less, grep, a file) keeps one line per option instead of wrapping at 80 columns.
            helpAction.MaxWidth = CliConsole.RedirectedWidth;
        }

        // `syncops` alone is a question, not a mistake: it gets the list of commands.
        root.SetAction(parse => help.Action is SynchronousCommandLineAction show ? show.Invoke(parse) : ExitCodes.Ok);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, SyncOpsSettings settings)
    {
        CliConsole.Configure();
        ParseResult parse;
        try
        {
            parse = Create(settings).Parse(args);
        }
#pragma warning disable CA1031 // A validator that throws is our bug; the person still gets one line, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return CliErrors.Report(e, args.Contains(CliOptions.Verbose.Name));
        }

        if (parse.Errors.Count > 0 && parse.Action is null or ParseErrorAction)
        {
            return ParseErrors.Report(parse);
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            // CliAction turns every exception into one line; System.CommandLine's handler would print the stack trace.
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command's token; a running sync then records itself as cancelled and a server drains
            // its requests. Two seconds (the default) can cut that short; past ten the process ends with 130 anyway.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        });
    }
}
