using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Operations;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops maintenance run</c>: partitions ahead, retention, cache cleanup, stale syncs.</summary>
internal static class MaintenanceCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var maintenance = new Command("maintenance", "Housekeeping of the tracking database.");
        var defaults = new MaintenanceOptions();
        var retention = new Option<int>("--retention-months") { Description = "Drop activity-log months older than this.", DefaultValueFactory = _ => defaults.RetentionMonths }.AtLeast(1);
        var ahead = new Option<int>("--months-ahead") { Description = "Create activity-log partitions this many months ahead.", DefaultValueFactory = _ => defaults.MonthsAhead }.AtLeast(0);
        var staleMinutes = new Option<int>("--stale-minutes")
        {
            Description = "Time out running syncs silent for this long.",
            DefaultValueFactory = _ => (int)defaults.StaleAfter.TotalMinutes,
        }.AtLeast(1);
        var run = new Command("run", "Run every maintenance step once and print what it did.") { retention, ahead, staleMinutes };
        CliAction.Set(run, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var report = await services.GetRequiredService<MaintenanceRunner>().RunOnceAsync(new MaintenanceOptions
            {
                RetentionMonths = parse.GetValue(retention),
                MonthsAhead = parse.GetValue(ahead),
                StaleAfter = TimeSpan.FromMinutes(parse.GetValue(staleMinutes)),
            }, ct);
            Console.WriteLine($"partitions created: {List(report.PartitionsCreated)}");
            Console.WriteLine($"partitions dropped: {List(report.PartitionsDropped)}");
            Console.WriteLine($"expired preview cache entries deleted: {report.PreviewCacheRowsDeleted}");
            Console.WriteLine($"stale syncs timed out: {List(report.SyncsTimedOut)}");
            return 0;
        });
        maintenance.Subcommands.Add(run);
        return maintenance;
    }

    private static string List(IReadOnlyList<string> items) =>
        items.Count == 0 ? "none" : $"{items.Count} ({string.Join(", ", items)})";
}
