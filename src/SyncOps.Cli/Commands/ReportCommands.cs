using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Reports;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops report slow|failed|trends --org ORG [--days N] [--json]</c>: the guide's "Common Queries".</summary>
internal static class ReportCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var report = new Command("report", "The guide's reports: slow syncs, failed syncs, duration trends.");
        report.Subcommands.Add(Build(settings, "slow", "Syncs slower than --max-speed items/min (guide: Find Slow Syncs).", async (reports, org, days, parse, ct, maxSpeed) =>
        {
            var rows = await reports.SlowAsync(org, parse.GetValue(maxSpeed), parse.GetValue(days), ct);
            return (rows, () => Render(rows, ["sync_id", "entity", "source", "status", "processed", "items/min", "elapsed", "s/item"],
                r => [r.SyncId, r.EntityType, r.SourceSystem, r.Status, N(r.ProcessedCount), N(r.SpeedItemsPerMin),
                      CliOutput.Duration(r.ElapsedSeconds), N(r.SecondsPerItem)]));
        }));
        report.Subcommands.Add(Build(settings, "failed", "Failed, partly failed and timed-out syncs with their errors (guide: Find Failed Syncs, corrected).", async (reports, org, days, parse, ct, _) =>
        {
            var rows = await reports.FailedAsync(org, parse.GetValue(days) ?? 30, ct);
            return (rows, () => Render(rows, ["sync_id", "entity", "status", "errors", "error message", "last seen"],
                r => [r.SyncId ?? "", r.EntityType ?? "", r.Status, N(r.ErrorCount), r.ErrorMessage ?? "",
                      r.LastSeenAt.ToString("u", CultureInfo.InvariantCulture)]));
        }));
        report.Subcommands.Add(Build(settings, "trends", "Average and longest sync duration per entity (guide: Sync Duration Trends).", async (reports, org, days, parse, ct, _) =>
        {
            var rows = await reports.TrendsAsync(org, parse.GetValue(days) ?? 30, ct);
            return (rows, () => Render(rows, ["entity", "syncs", "avg s", "max s", "records"],
                r => [r.EntityType ?? "", N(r.SyncCount), N(r.AvgDurationSec), N(r.MaxDurationSec), N(r.TotalRecords)]));
        }));
        return report;
    }

    private delegate Task<(object Rows, Action Print)> ReportBody(
        SyncReports reports, string orgId, Option<int?> days, ParseResult parse, CancellationToken ct, Option<decimal> maxSpeed);

    private static Command Build(SyncOpsSettings settings, string name, string description, ReportBody body)
    {
        var org = CliOptions.Org();
        var days = new Option<int?>("--days") { Description = "Only the last N days (default 30; slow: all)." }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table." };
        var maxSpeed = new Option<decimal>("--max-speed") { Description = "Slow means below this many items/min.", DefaultValueFactory = _ => 10m }.AtLeast(0m);
        var command = new Command(name, description) { org, days, json };
        if (name == "slow")
        {
            command.Options.Add(maxSpeed);
        }

        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var (rows, print) = await body(services.GetRequiredService<SyncReports>(), parse.GetValue(org)!, days, parse, ct, maxSpeed);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(rows);
            }
            else
            {
                print();
            }

            return 0;
        });
        return command;
    }

    private static void Render<T>(IReadOnlyList<T> rows, string[] columns, Func<T, string[]> cells)
    {
        if (rows.Count == 0)
        {
            Console.WriteLine("no rows");
            return;
        }

        var table = CliOutput.NewTable(columns);
        foreach (var row in rows)
        {
            table.AddRow(cells(row).Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }

    private static string N<T>(T value) where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string N<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "—";
}
