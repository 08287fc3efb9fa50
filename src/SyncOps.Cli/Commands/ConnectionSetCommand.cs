using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Connections;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops connection set --org ORG --connection ID --stale-after 2h|default</c>: a connection's own allowance before
/// the upkeep calls its sync stalled (SYNCOPS_STALE_AFTER for every other connection).
/// </summary>
internal static class ConnectionSetCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var id = new Option<Guid>("--connection") { Description = "Connection id (connection add printed it).", Required = true, HelpName = "ID" };
        var staleAfter = new Option<string>("--stale-after")
        {
            Description = "How long a sync of this connection may go without progress or heartbeat before it ends as timeout: 60s, 15m, 2h; \"default\" for SYNCOPS_STALE_AFTER.",
            Required = true,
            HelpName = "DURATION|default",
        };
        var command = new Command("set", "Change a connection's settings.") { org, id, staleAfter };
        CliAction.Set(command, async (parse, ct) =>
        {
            var text = parse.GetValue(staleAfter)!;
            var value = string.Equals(text.Trim(), "default", StringComparison.OrdinalIgnoreCase)
                ? (TimeSpan?)null
                : DurationText.Parse(text, "--stale-after");
            await using var services = await CliServices.OpenAsync(settings, ct);
            await services.GetRequiredService<ConnectionStore>().SetStaleAfterAsync(parse.GetValue(org)!, parse.GetValue(id), value, ct);
            Console.WriteLine(value is { } given
                ? $"stale after {DurationText.Format(given)} for connection {parse.GetValue(id)}"
                : $"connection {parse.GetValue(id)} follows SYNCOPS_STALE_AFTER ({DurationText.Format(settings.StaleAfter)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
