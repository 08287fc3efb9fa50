using System.CommandLine;
using System.CommandLine.Parsing;

namespace SyncOps.Cli.Infrastructure;

/// <summary>Options several commands share, each validated once here so every command words its errors the same way.</summary>
internal static class CliOptions
{
    /// <summary>Global: print the stack trace of a failure instead of one line.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On failure, print the full error with its stack trace instead of one line.",
        Recursive = true,
    };

    /// <summary>An organisation id: what <c>public.organizations.org_id</c> accepts (1 to 200 characters).</summary>
    public static Option<string> Org(string description = "Organisation id, e.g. org-123.")
    {
        var org = new Option<string>("--org") { Description = description, Required = true, HelpName = "ORG" };
        org.Validators.Add(result =>
        {
            if (result.Implicit)
            {
                return; // not typed: a command's default (demo's org-demo); a missing required --org is reported as such
            }

            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--org must not be empty");
            }
            else if (value.Length > 200)
            {
                result.AddError("--org must be at most 200 characters");
            }
        });
        return org;
    }

    /// <summary>Rejects values below <paramref name="minimum"/> with the option's name in the message.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (TryValue<T>(result, out var value) && value.CompareTo(minimum) < 0)
            {
                result.AddError($"{option.Name} must be at least {minimum}");
            }
        });
        return option;
    }

    /// <summary>The same for an optional value: checked only when given.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (TryValue<T?>(result, out var value) && value is { } given && given.CompareTo(minimum) < 0)
            {
                result.AddError($"{option.Name} must be at least {minimum}");
            }
        });
        return option;
    }

    /// <summary>
    /// The option's value, or false when it did not convert: validators run even then, and reading the value would throw
    /// instead of letting the conversion error ("--days must be a whole number") through.
    /// </summary>
    public static bool TryValue<T>(OptionResult result, out T value)
    {
        value = default!;
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
