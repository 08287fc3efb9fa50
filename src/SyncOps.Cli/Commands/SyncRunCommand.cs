using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops sync run</c>: a sync in the foreground with a live bar (one line a second on stderr when not a terminal),
/// the source's retries as they happen, and at the end a summary, or with --json one JSON document and nothing else on
/// stdout. Exit code 0 completed, 3 completed with errors, 1 failed or cancelled.
/// </summary>
internal static class SyncRunCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var (org, connection, entity, full) = SyncCommands.RequestOptions();
        var syncId = new Option<string?>("--sync-id") { Description = "Sync id (default sync-<source>-<ms>).", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document with the outcome instead of a summary." };
        var command = new Command("run", "Run a sync in the foreground with a live progress bar.") { org, connection, entity, full, syncId, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            var request = new SyncRequest(parse.GetValue(org)!, parse.GetValue(connection), parse.GetValue(entity)!, parse.GetValue(full), SyncId: parse.GetValue(syncId));
            await using var services = await CliServices.OpenAsync(settings, ct);
            var watch = new RetryWatch(services.GetRequiredService<SyncTracker>(), services.GetRequiredService<TimeProvider>(),
                request.OrgId, request.ConnectionId, SyncEntity.Parse(request.Entity));
            var result = Console.IsErrorRedirected || Console.IsOutputRedirected
                ? await RunPlainAsync(services, request, watch, ct)
                : await RunLiveAsync(services, request, watch, ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new
                {
                    sync_id = result.SyncId, status = result.Status, processed = result.Processed, failed = result.Failed,
                    skipped = result.Skipped, created = result.Created, updated = result.Updated, deleted = result.Deleted,
                    resumed_from_offset = result.ResumedFromOffset, error = result.ErrorMessage,
                });
            }
            else
            {
                Console.WriteLine(SyncCommands.Summary(result));
            }

            return SyncCommands.ExitCode(result, ct);
        });
        return command;
    }

    /// <summary>Not a terminal (a pipe, a log): a progress line and each new retry on stderr, never redrawn.</summary>
    private static async Task<SyncResult> RunPlainAsync(IServiceProvider services, SyncRequest request, RetryWatch watch, CancellationToken ct)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var last = DateTimeOffset.MinValue;
        (string, int)? lastRetry = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = watch.RunAsync((retry, _) =>
        {
            if (retry is not null && (retry.SyncId, retry.Attempt) != lastRetry)
            {
                lastRetry = (retry.SyncId, retry.Attempt);
                Console.Error.WriteLine($"{retry.SyncId}: {SyncStates.Waiting(retry, time.GetUtcNow())}");
            }
        }, stop.Token);
        try
        {
            return await services.GetRequiredService<SyncEngine>().RunAsync(request, p =>
            {
                watch.Seen(p.SyncId);
                if (time.GetUtcNow() - last >= TimeSpan.FromSeconds(1))
                {
                    last = time.GetUtcNow();
                    Console.Error.WriteLine(Describe(p));
                }
            }, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await watching;
        }
    }

    /// <summary>A terminal: one redrawn bar whose caption says what the sync does or what it waits for.</summary>
    private static Task<SyncResult> RunLiveAsync(IServiceProvider services, SyncRequest request, RetryWatch watch, CancellationToken ct) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                string progress = "starting", waiting = "";
                void Show() => task.Description = Markup.Escape(progress + waiting);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var watching = watch.RunAsync((retry, now) =>
                {
                    waiting = retry is null ? "" : $"  ({SyncStates.Waiting(retry, now)})";
                    Show();
                }, stop.Token);
                try
                {
                    return await services.GetRequiredService<SyncEngine>().RunAsync(request, p =>
                    {
                        watch.Seen(p.SyncId);
                        task.MaxValue = Math.Max(1, p.TotalItems);
                        task.Value = p.ProcessedCount + p.FailedCount;
                        progress = Describe(p);
                        Show();
                    }, ct);
                }
                finally
                {
                    await stop.CancelAsync();
                    await watching;
                }
            });

    private static string Describe(SyncProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.SyncId} {p.EntityType} {p.ProcessedCount + p.FailedCount}/{p.TotalItems} ({p.FailedCount} failed) {p.SpeedItemsPerMin:0} items/min ETA {CliOutput.Duration(p.EtaSeconds)}");
}
