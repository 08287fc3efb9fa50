using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Alerts;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops alert add</c>: a rule and where it is sent (a new webhook or Slack channel, or an existing channel's id);
/// prints the rule as one JSON line, with the webhook's signing secret the only time it is shown.
/// </summary>
internal static class AlertAddCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var when = new Option<string>("--when")
        {
            Description = "failed, timeout, errors_above (--percent), slower_than_baseline (--percent), consecutive_failures (--count) or schedule_not_succeeded (--after).",
            Required = true,
            HelpName = "CONDITION",
        };
        var webhook = new Option<string?>("--webhook") { Description = "Send to this https URL: JSON signed with HMAC-SHA256 (X-SyncOps-Signature).", HelpName = "URL" };
        var secret = new Option<string?>("--secret") { Description = "The webhook's signing secret (at least 16 characters; default: generated and printed once)." };
        var slack = new Option<string?>("--slack") { Description = "Send to this Slack-compatible incoming-webhook URL ({\"text\": ...}).", HelpName = "URL" };
        var channel = new Option<Guid?>("--channel") { Description = "Send to the channel of an existing alert (its channel_id in alert list --json)." };
        var connection = new Option<Guid?>("--connection") { Description = "Watch only this connection's syncs or schedules." };
        var entity = new Option<string?>("--entity") { Description = "Watch only customer, product or order syncs." };
        var schedule = new Option<Guid?>("--schedule") { Description = "schedule_not_succeeded: watch only this schedule (default: every schedule)." };
        var percent = new Option<decimal?>("--percent") { Description = "errors_above: percent of failed items; slower_than_baseline: percent slower than the median." };
        var count = new Option<int?>("--count") { Description = "consecutive_failures: how many finished syncs in a row failed (2 or more)." };
        var after = new Option<string?>("--after") { Description = "schedule_not_succeeded: no completed run for this long, e.g. 2h (1m to 31d)." };
        var name = new Option<string?>("--name") { Description = "A name for a new channel (default: its kind and host)." };
        var command = new Command("add", "Add an alert: when to send (--when) and where (--webhook, --slack or --channel); prints it as one JSON line.")
        {
            org, when, webhook, secret, slack, channel, connection, entity, schedule, percent, count, after, name,
        };
        CliAction.Set(command, async (parse, ct) =>
        {
            var targets = new[] { parse.GetValue(webhook) is not null, parse.GetValue(slack) is not null, parse.GetValue(channel) is not null }.Count(given => given);
            if (targets != 1)
            {
                throw new CliUsageException("give exactly one of --webhook URL, --slack URL or --channel ID");
            }

            if (parse.GetValue(percent) is not null && parse.GetValue(count) is not null)
            {
                throw new CliUsageException("give --percent or --count, not both");
            }

            var orgId = parse.GetValue(org)!;
            var afterTime = parse.GetValue(after) is { } text ? DurationText.Parse(text, "--after") : (TimeSpan?)null;
            var threshold = parse.GetValue(percent) ?? parse.GetValue(count);
            // Checked before a channel is created, so that a wrong option leaves nothing behind.
            var condition = AlertConditions.Parse(parse.GetValue(when));
            await using var services = await CliServices.OpenAsync(settings, ct);
            var channels = services.GetRequiredService<AlertChannels>();
            string? signingSecret = null;
            var channelId = parse.GetValue(channel);
            if (channelId is null)
            {
                var (kind, url) = parse.GetValue(webhook) is { } hook ? (AlertChannels.Webhook, hook) : (AlertChannels.Slack, parse.GetValue(slack)!);
                var (added, used) = await channels.AddAsync(new NewAlertChannel(orgId, kind, url, parse.GetValue(secret), parse.GetValue(name)), ct);
                channelId = added.Id;
                signingSecret = parse.GetValue(secret) is null ? used : null;
            }

            AlertRule rule;
            try
            {
                rule = await services.GetRequiredService<AlertRules>().AddAsync(
                    new NewAlertRule(orgId, channelId.Value, condition, parse.GetValue(connection), parse.GetValue(entity),
                        parse.GetValue(schedule), threshold, afterTime), ct);
            }
            catch (SyncOpsException) when (parse.GetValue(channel) is null)
            {
                await channels.RemoveIfUnusedAsync(orgId, channelId.Value, CancellationToken.None);
                throw;
            }

            var json = JsonSerializer.SerializeToNode(rule, CliOutput.Json)!.AsObject();
            if (signingSecret is not null)
            {
                json["signing_secret"] = signingSecret;
            }

            Console.WriteLine(json.ToJsonString(CliOutput.Json));
            return 0;
        });
        return command;
    }
}
