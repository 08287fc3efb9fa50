using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Scheduling;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops schedule add|list|pause|resume|remove</c>: syncs that run themselves under <c>serve</c> (docs/operations.md).
/// </summary>
internal static class ScheduleCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var schedule = new Command("schedule", "Run a connection's syncs on a schedule (serve queues them when due).");
        schedule.Subcommands.Add(Add(settings));
        schedule.Subcommands.Add(List(settings));
        schedule.Subcommands.Add(SetPaused(settings, "pause", "Stop queueing runs of a schedule until it is resumed.", paused: true));
        schedule.Subcommands.Add(SetPaused(settings, "resume", "Queue runs again, planned from now (ticks missed while paused are skipped).", paused: false));
        schedule.Subcommands.Add(Remove(settings));
        return schedule;
    }

    private static Option<string> Org() => new("--org") { Description = "Organisation id.", Required = true };

    private static Argument<Guid> Id() => new("id") { Description = "Schedule id (from schedule add or schedule list)." };

    private static Command Add(SyncOpsSettings settings)
    {
        var org = Org();
        var connection = new Option<Guid>("--connection") { Description = "Connection id.", Required = true };
        var entity = new Option<string>("--entity") { Description = "customer, product or order.", Required = true };
        var every = new Option<string?>("--every") { Description = "Run every interval: 15m, 1h, 1d (at least 1m)." };
        var cron = new Option<string?>("--cron") { Description = "Run at each occurrence of a five-field cron expression, e.g. \"0 * * * *\"." };
        var tz = new Option<string?>("--tz") { Description = "Time zone of --cron (IANA name, e.g. Europe/Brussels; default UTC)." };
        var fullScan = new Option<string?>("--full-scan-cron") { Description = "Also run a full scan at each occurrence, e.g. \"0 3 * * *\"." };
        var command = new Command("add", "Add a schedule for a connection and entity; prints it as one JSON line.")
        {
            org, connection, entity, every, cron, tz, fullScan,
        };
        CliAction.Set(command, async (parse, ct) =>
        {
            var interval = parse.GetValue(every) is { } text ? DurationText.Parse(text, "--every") : (TimeSpan?)null;
            var rule = ScheduleRule.Create(interval, parse.GetValue(cron), parse.GetValue(tz), parse.GetValue(fullScan));
            await using var services = await CliServices.OpenAsync(settings, ct);
            var added = await services.GetRequiredService<SyncSchedules>().AddAsync(
                new NewSchedule(parse.GetValue(org)!, parse.GetValue(connection), parse.GetValue(entity)!, rule), ct);
            CliOutput.WriteJson(added);
            return 0;
        });
        return command;
    }

    private static Command List(SyncOpsSettings settings)
    {
        var org = Org();
        var json = new Option<bool>("--json") { Description = "Print one JSON array." };
        var command = new Command("list", "The organisation's schedules with their next run, last run and its result.") { org, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var rows = await services.GetRequiredService<SyncSchedules>().ListAsync(parse.GetValue(org)!, ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(rows);
                return 0;
            }

            var table = CliOutput.NewTable("id", "connection", "entity", "when", "full scan", "next run", "last run", "last result", "state");
            foreach (var row in rows)
            {
                var when = row.EverySeconds is { } seconds
                    ? "every " + DurationText.Format(TimeSpan.FromSeconds(seconds))
                    : $"cron \"{row.Cron}\" {row.TimeZone}";
                table.AddRow(new[]
                {
                    row.Id.ToString(), row.ConnectionId.ToString(), row.EntityType, when, row.FullScanCron ?? "",
                    Time(row.Paused ? null : row.NextRunAt), Time(row.LastRunAt), row.LastError ?? row.LastJobStatus ?? "",
                    row.Paused ? "paused" : "active",
                }.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command SetPaused(SyncOpsSettings settings, string name, string description, bool paused)
    {
        var org = Org();
        var id = Id();
        var command = new Command(name, description + " Prints the schedule as one JSON line.") { org, id };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var schedule = await services.GetRequiredService<SyncSchedules>().SetPausedAsync(parse.GetValue(org)!, parse.GetValue(id), paused, ct);
            CliOutput.WriteJson(schedule);
            return 0;
        });
        return command;
    }

    private static Command Remove(SyncOpsSettings settings)
    {
        var org = Org();
        var id = Id();
        var command = new Command("remove", "Delete a schedule (its past jobs stay).") { org, id };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            await services.GetRequiredService<SyncSchedules>().RemoveAsync(parse.GetValue(org)!, parse.GetValue(id), ct);
            Console.WriteLine($"removed schedule {parse.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "—";
}
