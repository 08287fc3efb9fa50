using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Operations;
using SyncOps.Server.GoTrue;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops user add --org ORG [--id UUID] [--email E [--password-stdin]]</c> and
/// <c>syncops user set-password --email E --password-stdin</c>. Passwords only ever come from standard input, never
/// from the command line, where other users of the machine could read them in the process list.
/// </summary>
internal static class UserCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var user = new Command("user", "Manage users and their organisations.");
        user.Subcommands.Add(CreateAdd(settings));
        user.Subcommands.Add(CreateSetPassword(settings));
        return user;
    }

    private static Command CreateAdd(SyncOpsSettings settings)
    {
        var org = CliOptions.Org("Organisation id, e.g. org-123 (created when new).");
        var id = new Option<Guid?>("--id") { Description = "The user's uuid (default: a new one; on Supabase, the auth.users id)." };
        var email = new Option<string?>("--email") { Description = "The user's e-mail address (their sign-in name)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the user's password from standard input." };
        var ttl = new Option<string>("--ttl")
        {
            Description = "Life of the printed access_token: seconds, or a number with s, m, h or d (default 1h, as Supabase).",
            DefaultValueFactory = _ => "1h",
        };
        var add = new Command("add", "Add a user to an organisation; prints one JSON line with id, org_id and access_token.")
        {
            org, id, email, passwordStdin, ttl,
        };
        CliAction.Set(add, async (parse, ct) =>
        {
            var (orgId, lifetime, address) = (parse.GetValue(org)!, ParseTtl(parse.GetValue(ttl)!), parse.GetValue(email));
            var password = parse.GetValue(passwordStdin) ? ReadPassword() : null;
            if (password is not null && address is null)
            {
                throw new SyncOpsException("--password-stdin needs --email: the e-mail address is what the user signs in with");
            }

            await using var services = await CliServices.OpenAsync(settings, ct);
            var signInId = await EnsureSignInAsync(services, parse.GetValue(id), address, password, ct);
            var userId = await services.GetRequiredService<Organizations>().AddUserAsync(orgId, signInId, address, ct);
            var issuer = await KeysCommand.IssuerAsync(settings, services, ct);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = userId.ToString(),
                ["org_id"] = orgId,
                // A Supabase-shaped user JWT: createClient(url, anonKey, { global: { headers: { Authorization: `Bearer ${token}` } } }).
                ["access_token"] = issuer.UserToken(userId, lifetime, address),
            }));
            return 0;
        });
        return add;
    }

    private static Command CreateSetPassword(SyncOpsSettings settings)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input (the only way)." };
        var setPassword = new Command("set-password", "Set a user's password for /auth/v1 and the dashboard sign-in.") { email, passwordStdin };
        CliAction.Set(setPassword, async (parse, ct) =>
        {
            var password = ReadPassword();
            await using var services = await CliServices.OpenAsync(settings, ct);
            var users = await UsersAsync(services, ct);
            if (!await users.SetPasswordAsync(parse.GetValue(email)!, password, ct))
            {
                throw new SyncOpsException($"there is no user with the e-mail address {parse.GetValue(email)}: add one with `syncops user add --org ORG --email E`");
            }

            Console.WriteLine("Password set.");
            return 0;
        });
        return setPassword;
    }

    /// <summary>
    /// The auth.users id for an e-mail user on SyncOps' own auth (created when new, with the password if one was given);
    /// the given id unchanged otherwise. On Supabase, Supabase Auth owns auth.users: users are created there.
    /// </summary>
    private static async Task<Guid?> EnsureSignInAsync(
        IServiceProvider services, Guid? id, string? email, string? password, CancellationToken ct)
    {
        var users = new AuthUserStore(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<TimeProvider>());
        if (email is null || !await users.IsAvailableAsync(ct))
        {
            return password is null ? id : throw NotOwnAuth();
        }

        if (await users.FindByEmailAsync(email, ct) is not { } existing)
        {
            return (await users.CreateAsync(email, password, id, ct)).Id;
        }

        if (id is { } given && given != existing.Id)
        {
            throw new SyncOpsException($"{email} already belongs to user {existing.Id}, not {given}");
        }

        if (password is not null)
        {
            await users.SetPasswordAsync(email, password, ct);
        }

        return existing.Id;
    }

    private static async Task<AuthUserStore> UsersAsync(IServiceProvider services, CancellationToken ct)
    {
        var users = new AuthUserStore(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<TimeProvider>());
        return await users.IsAvailableAsync(ct) ? users : throw NotOwnAuth();
    }

    private static SyncOpsException NotOwnAuth() => new(
        "this database's users belong to Supabase Auth: create or change the user there, then `syncops user add --id UUID --org ORG`");

    /// <summary>The first line of standard input, checked against GoTrue's password rules.</summary>
    private static string ReadPassword()
    {
        var password = Console.In.ReadLine()?.TrimEnd('\r')
            ?? throw new SyncOpsException("--password-stdin: standard input was empty; pipe the password in, e.g. `printf %s \"$PW\" | syncops ...`");
        return PasswordPolicy.Problem(password) is { } problem ? throw new SyncOpsException(problem) : password;
    }

    /// <summary>"3600", "90s", "30m", "12h", "7d".</summary>
    private static TimeSpan ParseTtl(string text)
    {
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var digits = char.IsAsciiLetter(text.Length > 0 ? text[^1] : '0') ? text[..^1] : text;
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new CliUsageException($"--ttl must be a positive number of seconds, or a number with s, m, h or d, not \"{text}\"");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => throw new CliUsageException($"--ttl unit must be s, m, h or d, not '{unit}'"),
        };
    }
}
