using System.CommandLine;
using System.CommandLine.Help;

namespace SyncOps.Cli.Infrastructure;

/// <summary>One usage line per command ("syncops status --org ORG [--json]"), built from its options.</summary>
internal static class CliUsage
{
    // Options a command checks itself because the parser cannot (--connection, which `connection test ID` may replace).
    private static readonly HashSet<Option> s_requiredByCommand = [];

    /// <summary>Shows <paramref name="option"/> as required in the usage line although the parser does not enforce it.</summary>
    public static T RequiredByCommand<T>(T option)
        where T : Option
    {
        s_requiredByCommand.Add(option);
        return option;
    }

    public static string Line(Command command)
    {
        if (!command.Parents.Any())
        {
            return "syncops <command> [options] (syncops --help lists the commands)";
        }

        var parts = new List<string> { Path(command) };
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (subcommands.Count > 0)
        {
            parts.Add($"<{string.Join('|', subcommands)}>");
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            parts.Add(argument.Arity.MinimumNumberOfValues > 0 ? $"<{argument.Name}>" : $"[<{argument.Name}>]");
        }

        foreach (var option in Own(command))
        {
            var label = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName ?? Placeholder(option)}";
            parts.Add(option.Required || s_requiredByCommand.Contains(option) ? label : $"[{label}]");
        }

        return string.Join(' ', parts);
    }

    /// <summary>"N" for numbers, else the option's name in capitals ("--email" => EMAIL).</summary>
    private static string Placeholder(Option option) =>
        (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) is var type && (type == typeof(int) || type == typeof(decimal) || type == typeof(double))
            ? "N"
            : option.Name.TrimStart('-').ToUpperInvariant();

    /// <summary>"syncops sync run".</summary>
    public static string Path(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>"--org must not be empty. Usage: syncops status --org ORG [--json]".</summary>
    public static string WithUsage(string message, Command command)
    {
        var end = message.EndsWith('?') || message.EndsWith('.') ? "" : ".";
        return $"{message}{end} Usage: {Line(command)}";
    }

    /// <summary>The options a person types for this command (not --help, --version or the global --verbose).</summary>
    public static IEnumerable<Option> Own(Command command) =>
        command.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption && o != CliOptions.Verbose);

    /// <summary>Every option valid on this command: its own, the recursive ones of its parents, help and version.</summary>
    public static IEnumerable<Option> Valid(Command command)
    {
        IEnumerable<Option> options = command.Options;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        }

        return options;
    }
}
