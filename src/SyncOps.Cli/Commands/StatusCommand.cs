using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops status --org ORG</c>: active syncs with a progress bar, speed and ETA.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var org = new Option<string>("--org") { Description = "Organisation id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table." };
        var status = new Command("status", "Show an organisation's active syncs: progress, speed and ETA.") { org, json };
        CliAction.Set(status, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var active = await services.GetRequiredService<SyncTracker>().GetActiveAsync(parse.GetValue(org)!, ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(active);
                return 0;
            }

            if (active.Count == 0)
            {
                Console.WriteLine("No active syncs");
                return 0;
            }

            var table = CliOutput.NewTable("sync", "entity", "source", "progress", "processed / failed / total", "items/min", "ETA", "updated");
            foreach (var sync in active)
            {
                table.AddRow(
                    Markup.Escape(sync.SyncId), Markup.Escape(sync.EntityType), Markup.Escape(sync.SourceSystem),
                    CliOutput.Bar(sync.Done, sync.TotalItems),
                    $"{sync.ProcessedCount} / [red]{sync.FailedCount}[/] / {sync.TotalItems}",
                    sync.SpeedItemsPerMin?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                    CliOutput.Duration(sync.EtaSeconds),
                    sync.UpdatedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return status;
    }
}
