using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Alerts;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops alert add|list|test|remove</c>: tell a person when syncs fail, stall or fall behind (docs/alerts.md);
/// <c>serve</c> evaluates the rules and sends the messages.
/// </summary>
internal static class AlertCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var alert = new Command("alert", "Alerts: when a sync fails, times out, has many errors, runs slow, or a schedule stops succeeding (serve sends them).");
        alert.Subcommands.Add(AlertAddCommand.Create(settings));
        alert.Subcommands.Add(List(settings));
        alert.Subcommands.Add(Test(settings));
        alert.Subcommands.Add(Remove(settings));
        return alert;
    }

    private static Argument<Guid> Id() => new("id") { Description = "Alert id (from alert add or alert list)." };

    private static Command List(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var json = new Option<bool>("--json") { Description = "Print one JSON array." };
        var command = new Command("list", "The organisation's alerts with their channel and open incidents.") { org, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var rules = await services.GetRequiredService<AlertRules>().ListAsync(parse.GetValue(org)!, ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(rules);
                return 0;
            }

            var table = CliOutput.NewTable("id", "when", "watching", "channel", "open incidents");
            foreach (var rule in rules)
            {
                table.AddRow(new[]
                {
                    rule.Id.ToString(), When(rule), Watching(rule), $"{rule.ChannelKind} {rule.ChannelHost}",
                    rule.OpenIncidents.ToString(CultureInfo.InvariantCulture),
                }.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Test(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var id = Id();
        var command = new Command("test", "Send a test message to the alert's channel now; prints the delivery as one JSON line (exit 1 when not delivered).") { org, id };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var delivery = await services.GetRequiredService<AlertSender>().SendTestAsync(parse.GetValue(org)!, parse.GetValue(id), ct);
            CliOutput.WriteJson(delivery);
            return delivery.Status == "delivered" ? 0 : CliAction.Fail($"the test message was not delivered: {delivery.LastError}");
        });
        return command;
    }

    private static Command Remove(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var id = Id();
        var command = new Command("remove", "Delete an alert (and its channel when no other alert uses it); the alert log keeps its messages.") { org, id };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var orgId = parse.GetValue(org)!;
            var channel = await services.GetRequiredService<AlertRules>().RemoveAsync(orgId, parse.GetValue(id), ct);
            await services.GetRequiredService<AlertChannels>().RemoveIfUnusedAsync(orgId, channel, ct);
            Console.WriteLine($"removed alert {parse.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static string When(AlertRule rule) => rule.Condition switch
    {
        AlertConditions.ErrorsAbove => $"errors above {rule.Threshold}%",
        AlertConditions.SlowerThanBaseline => $"{rule.Threshold}% slower than baseline",
        AlertConditions.ConsecutiveFailures => $"{rule.Threshold} failures in a row",
        AlertConditions.ScheduleNotSucceeded => $"schedule not succeeded for {DurationText.Format(TimeSpan.FromSeconds(rule.AfterSeconds ?? 0))}",
        _ => rule.Condition,
    };

    private static string Watching(AlertRule rule) =>
        rule.ScheduleId is { } schedule ? $"schedule {schedule}"
        : string.Join(" ", new[] { rule.ConnectionId is { } c ? $"connection {c}" : "all connections", rule.EntityType ?? "all entities" });
}
