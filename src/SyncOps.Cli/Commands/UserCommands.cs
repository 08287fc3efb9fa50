using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Operations;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops user add --org ORG [--id UUID]</c>.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var user = new Command("user", "Manage users and their organisations.");
        var org = new Option<string>("--org") { Description = "Organisation id, e.g. org-123 (created when new).", Required = true };
        var id = new Option<Guid?>("--id") { Description = "The user's uuid (default: a new one)." };
        var email = new Option<string?>("--email") { Description = "The user's e-mail address." };
        var add = new Command("add", "Add a user to an organisation; prints one JSON line with id and org_id.") { org, id, email };
        CliAction.Set(add, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var orgId = parse.GetValue(org)!;
            var userId = await services.GetRequiredService<Organizations>()
                .AddUserAsync(orgId, parse.GetValue(id), parse.GetValue(email), ct);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = userId.ToString(),
                ["org_id"] = orgId,
            }));
            return 0;
        });
        user.Subcommands.Add(add);
        return user;
    }
}
