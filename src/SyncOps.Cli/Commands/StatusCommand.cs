using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Operations;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops status --org ORG</c>: active syncs with a progress bar, speed and ETA, and a state that says why one is
/// not moving: waiting to retry its source, or stalled (silent for as long as <c>maintenance run</c> tolerates).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table." };
        var staleMinutes = new Option<int>("--stale-minutes")
        {
            Description = "Flag running syncs silent (no report, no heartbeat) for this long; the same rule and default as maintenance run.",
            DefaultValueFactory = _ => (int)new MaintenanceOptions().StaleAfter.TotalMinutes,
        }.AtLeast(1);
        var status = new Command("status", "Show an organisation's active syncs: progress, speed, ETA, retries and stalls.") { org, json, staleMinutes };
        CliAction.Set(status, async (parse, ct) =>
        {
            var orgId = parse.GetValue(org)!;
            await using var services = await CliServices.OpenAsync(settings, ct);
            if (!await services.GetRequiredService<Organizations>().ExistsAsync(orgId, ct))
            {
                return CliAction.Fail($"organisation \"{orgId}\" does not exist (syncops user add --org {orgId} creates it)");
            }

            var tracker = services.GetRequiredService<SyncTracker>();
            var active = await tracker.GetActiveAsync(orgId, ct);
            var states = new SyncStates(await tracker.GetRetriesAsync(orgId, ct), TimeSpan.FromMinutes(parse.GetValue(staleMinutes)),
                services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (parse.GetValue(json))
            {
                var rows = new JsonArray();
                foreach (var sync in active)
                {
                    var row = JsonSerializer.SerializeToNode(sync, CliOutput.Json)!.AsObject();
                    row["state"] = states.Describe(sync);
                    row["stalled"] = states.IsStalled(sync);
                    rows.Add(row);
                }

                Console.WriteLine(rows.ToJsonString(CliOutput.Json));
                return ExitCodes.Ok;
            }

            if (active.Count == 0)
            {
                Console.WriteLine($"No active syncs in {orgId}");
                return ExitCodes.Ok;
            }

            var table = CliOutput.NewTable("sync", "entity", "source", "progress", "processed / failed / total", "items/min", "ETA", "updated", "state");
            foreach (var sync in active)
            {
                var state = Markup.Escape(states.Describe(sync));
                table.AddRow(
                    Markup.Escape(sync.SyncId), Markup.Escape(sync.EntityType), Markup.Escape(sync.SourceSystem),
                    CliOutput.Bar(sync.Done, sync.TotalItems),
                    $"{sync.ProcessedCount} / [red]{sync.FailedCount}[/] / {sync.TotalItems}",
                    sync.SpeedItemsPerMin?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                    CliOutput.Duration(sync.EtaSeconds),
                    sync.UpdatedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    states.IsStalled(sync) ? $"[yellow]{state}[/]" : state);
            }

            AnsiConsole.Write(table);
            if (active.Any(states.IsStalled))
            {
                Console.Error.WriteLine($"stalled syncs end as 'timeout' at the next `syncops maintenance run --stale-minutes {parse.GetValue(staleMinutes)}`");
            }

            return ExitCodes.Ok;
        });
        return status;
    }
}
