using System.CommandLine;
using System.CommandLine.Parsing;

namespace SyncOps.Cli.Infrastructure;

/// <summary>
/// Turns System.CommandLine's parse errors into one line in words, with "did you mean" for typos and the usage line of
/// the command meant, instead of the whole help (exit code <see cref="ExitCodes.Usage"/>).
/// </summary>
internal static class ParseErrors
{
    public static int Report(ParseResult parse)
    {
        var (message, usageOf) = Describe(parse);
        return CliErrors.Fail(CliUsage.WithUsage(message, usageOf), ExitCodes.Usage);
    }

    private static (string Message, Command UsageOf) Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Unmatched(parse.UnmatchedTokens[0], command);
        }

        if (CliUsage.Valid(command).FirstOrDefault(o => o.Required && parse.GetResult(o) is not OptionResult { IdentifierTokenCount: > 0 }) is { } missing)
        {
            return ($"{missing.Name} is required", command);
        }

        // A value that does not parse or validate says which option and what it must be.
        foreach (var error in parse.Errors)
        {
            if (Value(error) is { } message)
            {
                return (message, command);
            }
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            var names = command.Subcommands.Select(c => c.Name).ToList();
            return ($"{CliUsage.Path(command)} needs a subcommand: {string.Join(", ", names)}", command);
        }

        return (parse.Errors[0].Message.TrimEnd('.'), command);
    }

    private static (string Message, Command UsageOf) Unmatched(string token, Command command)
    {
        if (token.StartsWith('-') && token.Length > 1)
        {
            var names = CliUsage.Valid(command).SelectMany(o => o.Aliases.Prepend(o.Name));
            var match = TypoSuggestion.Closest(token, names);
            return ($"unknown option '{token}'{(match is null ? "" : $"; did you mean '{match}'?")}", command);
        }

        if (command.Subcommands.Count > 0)
        {
            var match = TypoSuggestion.Closest(token, command.Subcommands.Select(c => c.Name));
            var suggested = match is null ? null : command.Subcommands.First(c => c.Name == match);
            return suggested is null
                ? ($"'{token}' is not a {CliUsage.Path(command)} command", command)
                : ($"'{token}' is not a {CliUsage.Path(command)} command; did you mean '{match}'?", suggested);
        }

        return ($"unexpected argument '{token}'", command);
    }

    /// <summary>A malformed or invalid value of an option or argument, in words; null for other errors.</summary>
    private static string? Value(ParseError error)
    {
        var (name, type, tokens) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult { Parent: OptionResult o } => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult a => ($"<{a.Argument.Name}>", a.Argument.ValueType, a.Tokens),
            _ => (null, null, null),
        };
        if (name is null || type is null || tokens is null)
        {
            return null;
        }

        if (tokens.Count == 0)
        {
            return error.Message.Contains("required", StringComparison.OrdinalIgnoreCase) && error.SymbolResult is OptionResult or ArgumentResult { Parent: OptionResult }
                ? $"{name} needs a value"
                : null;
        }

        // System.CommandLine's own conversion failure ("Cannot parse argument 'x' ... as expected type 'System.Guid'").
        return error.Message.Contains("expected type", StringComparison.Ordinal)
            ? $"{name} must be {Words(type)}, not \"{tokens[^1].Value}\""
            : error.Message.TrimEnd('.');
    }

    private static string Words(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            _ when type == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ => "a " + type.Name,
        };
    }
}
