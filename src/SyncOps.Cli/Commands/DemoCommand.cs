using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Operations;
using SyncOps.Server;
using SyncOps.Server.Dashboard;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops demo</c>: the tour on the embedded default. Starts the private database, migrates it, creates a demo
/// organisation and user, writes three syncs through the SDK (one completed, one with errors, one still running), starts
/// the server with the dashboard, syncs simulated stores through the engine (one flaky), adds a schedule, and serves
/// until Ctrl+C with the stores still up. It leaves no sync running, and a second run reuses the first one's connections.
/// </summary>
internal static class DemoCommand
{
    private const string DemoOrg = "org-demo";

    public static Command Create(SyncOpsSettings settings)
    {
        var org = CliOptions.Org("Organisation to create the demo in.");
        org.Required = false;
        org.DefaultValueFactory = _ => DemoOrg;
        var urls = new Option<string?>("--urls") { Description = $"Where the server listens (default {settings.ListenUrl})." };
        var noWait = new Option<bool>("--no-wait") { Description = "Exit once the demo syncs ended instead of serving the dashboard until Ctrl+C." };
        var demo = new Command("demo", "The tour: embedded database, simulated stores, server and dashboard, demo syncs of every entity.") { org, urls, noWait };
        CliAction.Set(demo, async (parse, ct) =>
        {
            var orgId = parse.GetValue(org)!;
            AnsiConsole.MarkupLine(settings.UsesEmbeddedDatabase
                ? $"[bold]Starting the embedded PostgreSQL[/] in {Markup.Escape(settings.DataDirectory)} ..."
                : $"[bold]Using {SyncOpsSettings.DatabaseUrlVariable}[/] ...");
            await using var services = await CliServices.OpenAsync(settings, ct);
            var organizations = services.GetRequiredService<Organizations>();
            var existing = await organizations.FindUserByEmailAsync(orgId, DemoSignIn.Email, ct);
            var userId = await organizations.AddUserAsync(orgId, existing, DemoSignIn.Email, ct);
            AnsiConsole.MarkupLine($"Organisation [green]{orgId}[/] with user [green]{userId}[/] ({DemoSignIn.Email})");

            var tracker = services.GetRequiredService<SyncTracker>();
            await EndDemoSyncsAsync(tracker, orgId, userId, "a previous demo run stopped without ending it");
            AnsiConsole.MarkupLine("[bold]Three syncs written through the C# tracking SDK:[/]");
            await RunAsync(tracker, orgId, userId, "product", 1_200, failEvery: 0, stopAt: null, ct);
            await RunAsync(tracker, orgId, userId, "order", 800, failEvery: 113, stopAt: null, ct);
            await RunAsync(tracker, orgId, userId, "customer", 5_000, failEvery: 997, stopAt: 1_500, ct);

            var serverUrl = parse.GetValue(urls) ?? settings.ListenUrl;
            await using var server = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions { Settings = settings, Urls = serverUrl, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning }, ct);
            await server.StartAsync(ct);
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine($"[bold]Dashboard:[/] {Markup.Escape(serverUrl)}/   one-click demo sign-in: [link]{Markup.Escape(DemoSignIn.Url(serverUrl))}[/]");
            AnsiConsole.MarkupLine($"[bold]REST API:[/] {Markup.Escape(serverUrl)}/rest/v1 (keys: ./syncops keys)");

            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine("[bold]Syncing simulated WooCommerce and Odoo stores through the engine[/] (one store is flaky) ...");
            // The stores serve as long as the dashboard does: "Start a sync" and the schedule's runs reach them.
            // The webhook store posts to the first address the server listens on.
            await using var tour = new DemoTour(services, orgId, userId, new Uri(serverUrl.Split(';')[0].TrimEnd('/') + "/"));
            try
            {
                DemoTour.Print(await tour.RunAsync(ct));
                PrintNextSteps(orgId, serverUrl);
                if (!parse.GetValue(noWait))
                {
                    AnsiConsole.MarkupLine($"Serving the dashboard at {Markup.Escape(DemoSignIn.Url(serverUrl))}; Ctrl+C to stop.");
                    await server.WaitForShutdownAsync(ct);
                }
            }
            finally
            {
                // Stopping the server ends the runs its workers hold (cancelled); the SDK sync shown as running ends here.
                await server.StopAsync(CancellationToken.None);
                await EndDemoSyncsAsync(tracker, orgId, userId, "the demo stopped");
            }

            return 0;
        });
        return demo;
    }

    /// <summary>
    /// Ends the demo user's syncs still running as cancelled, so the demo never leaves one <c>running</c>: at its end, and
    /// at its start for those of a run that was killed. Only the demo user's: <c>--org</c> may name a real organisation.
    /// </summary>
    private static async Task EndDemoSyncsAsync(SyncTracker tracker, string orgId, Guid userId, string reason)
    {
        foreach (var sync in await tracker.GetActiveAsync(orgId, CancellationToken.None))
        {
            if (sync.IsRunning && sync.InitiatedBy == userId)
            {
                await tracker.CancelAsync(orgId, sync.SyncId, reason, CancellationToken.None);
            }
        }
    }

    private static void PrintNextSteps(string orgId, string serverUrl)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine("[bold]Look at them:[/]");
        Console.WriteLine($"  {DemoSignIn.Url(serverUrl)}        # the live dashboard, signed in as the demo user");
        Console.WriteLine($"  ./syncops status --org {orgId}            # active syncs: progress, speed, ETA");
        Console.WriteLine($"  ./syncops report trends --org {orgId}     # duration per entity (guide: Sync Duration Trends)");
        Console.WriteLine($"  ./syncops report failed --org {orgId}     # failures with their errors");
        Console.WriteLine($"  psql \"$(./syncops db url | tail -n 1)\" -c \"select sync_id, status, processed_count, speed_items_per_min, eta_seconds from sync_progress where org_id = '{orgId}'\"");
        Console.WriteLine("  ./syncops db stop                             # when you are done");
    }

    /// <summary>Runs a small sync through the throttled reporter in real time, so speed and ETA are real numbers.</summary>
    private static async Task RunAsync(
        SyncTracker tracker, string orgId, Guid userId, string entity, int total, int failEvery, int? stopAt,
        CancellationToken ct)
    {
        var sync = await tracker.StartAsync(new StartSync(orgId, entity, "woocommerce", total, userId), ct);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 100, Every = TimeSpan.FromMilliseconds(250) });
        var last = stopAt ?? total;
        for (var item = 1; item <= last; item++)
        {
            if (failEvery > 0 && item % failEvery == 0)
            {
                await tracker.RecordItemFailureAsync(sync, $"{entity}-{item}", $"demo: {entity} {item} has an invalid email address", ct);
                await reporter.ItemsFailedAsync(1, ct);
            }
            else
            {
                await reporter.ItemsProcessedAsync(1, ct);
            }

            if (item % 100 == 0)
            {
                await Task.Delay(100, ct); // a source that answers a page of 100 every 100 ms
            }
        }

        var final = await reporter.FlushAsync(ct);
        AnsiConsole.MarkupLine(
            $"  {Markup.Escape(final.SyncId)}: {entity,-8} {final.Status,-21} {final.ProcessedCount}/{final.TotalItems} processed, " +
            $"{final.FailedCount} failed, {final.SpeedItemsPerMin?.ToString("0.0", CultureInfo.InvariantCulture)} items/min, " +
            $"ETA {CliOutput.Duration(final.EtaSeconds)} ({reporter.Writes} progress writes)");
    }
}
