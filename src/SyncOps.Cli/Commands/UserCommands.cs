using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Operations;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops user add --org ORG [--id UUID]</c>.</summary>
internal static class UserCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var user = new Command("user", "Manage users and their organisations.");
        var org = CliOptions.Org("Organisation id, e.g. org-123 (created when new).");
        var id = new Option<Guid?>("--id") { Description = "The user's uuid (default: a new one)." };
        var email = new Option<string?>("--email") { Description = "The user's e-mail address." };
        var ttl = new Option<string>("--ttl")
        {
            Description = "Life of the printed access_token: seconds, or a number with s, m, h or d (default 1h, as Supabase).",
            DefaultValueFactory = _ => "1h",
        };
        var add = new Command("add", "Add a user to an organisation; prints one JSON line with id, org_id and access_token.")
        {
            org, id, email, ttl,
        };
        CliAction.Set(add, async (parse, ct) =>
        {
            var orgId = parse.GetValue(org)!;
            var lifetime = ParseTtl(parse.GetValue(ttl)!);
            await using var services = await CliServices.OpenAsync(settings, ct);
            var userId = await services.GetRequiredService<Organizations>()
                .AddUserAsync(orgId, parse.GetValue(id), parse.GetValue(email), ct);
            var issuer = await KeysCommand.IssuerAsync(settings, services, ct);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = userId.ToString(),
                ["org_id"] = orgId,
                // A Supabase-shaped user JWT: createClient(url, anonKey, { global: { headers: { Authorization: `Bearer ${token}` } } }).
                ["access_token"] = issuer.UserToken(userId, lifetime, parse.GetValue(email)),
            }));
            return 0;
        });
        user.Subcommands.Add(add);
        return user;
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
