using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Cli.Infrastructure;
using SyncOps.Engine;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops sync run|preview|apply|cancel</c>. <c>run</c> shows a live bar and ends with one JSON line; exit code 0
/// when completed, 2 when completed with errors, 1 when failed or cancelled.
/// </summary>
internal static class SyncCommands
{
    public static Command Create()
    {
        var sync = new Command("sync", "Run, preview, apply and cancel syncs.");
        sync.Subcommands.Add(Run());
        sync.Subcommands.Add(Preview());
        sync.Subcommands.Add(Apply());
        sync.Subcommands.Add(Cancel());
        return sync;
    }

    private static (Option<string> Org, Option<Guid> Connection, Option<string> Entity, Option<bool> Full) RequestOptions() => (
        new Option<string>("--org") { Description = "Organisation id.", Required = true },
        new Option<Guid>("--connection") { Description = "Connection id.", Required = true },
        new Option<string>("--entity") { Description = "customer, product or order.", Required = true },
        new Option<bool>("--full") { Description = "Ignore the checkpoint: read everything again." });

    private static Command Run()
    {
        var (org, connection, entity, full) = RequestOptions();
        var syncId = new Option<string?>("--sync-id") { Description = "Sync id (default sync-<source>-<ms>)." };
        var command = new Command("run", "Run a sync in the foreground with a live progress bar.") { org, connection, entity, full, syncId };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var engine = services.GetRequiredService<SyncEngine>();
            var request = new SyncRequest(parse.GetValue(org)!, parse.GetValue(connection), parse.GetValue(entity)!, parse.GetValue(full), SyncId: parse.GetValue(syncId));
            SyncResult result;
            if (Console.IsErrorRedirected || Console.IsOutputRedirected)
            {
                // Not a terminal (a pipe, a log): one progress line on stderr now and then instead of a redrawn bar.
                var last = 0L;
                result = await engine.RunAsync(request, p =>
                {
                    if (Environment.TickCount64 - last >= 1000)
                    {
                        last = Environment.TickCount64;
                        Console.Error.WriteLine(Describe(p));
                    }
                }, ct);
            }
            else
            {
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("starting", maxValue: 1);
                        return await engine.RunAsync(request, p =>
                        {
                            task.MaxValue = Math.Max(1, p.TotalItems);
                            task.Value = p.ProcessedCount + p.FailedCount;
                            task.Description = Markup.Escape(Describe(p));
                        }, ct);
                    });
            }

            CliOutput.WriteJson(new
            {
                sync_id = result.SyncId,
                status = result.Status,
                processed = result.Processed,
                failed = result.Failed,
                skipped = result.Skipped,
                created = result.Created,
                updated = result.Updated,
                resumed_from_offset = result.ResumedFromOffset,
                error = result.ErrorMessage,
            });
            return result.Status switch
            {
                SyncStatus.Completed => 0,
                SyncStatus.CompletedWithErrors => 2,
                _ => 1,
            };
        });
        return command;
    }

    private static Command Preview()
    {
        var (org, connection, entity, full) = RequestOptions();
        var command = new Command("preview", "Compute what a sync would change, without writing; prints the delta and its cache key.") { org, connection, entity, full };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var preview = await services.GetRequiredService<SyncEngine>().PreviewAsync(
                new SyncRequest(parse.GetValue(org)!, parse.GetValue(connection), parse.GetValue(entity)!, parse.GetValue(full)), ct);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{preview.Entity}: {preview.ToCreate} to create, {preview.ToUpdate} to update, {preview.Unchanged} unchanged, {preview.Failed} unmappable"));
            if (preview.SampleCreate.Count > 0)
            {
                Console.Error.WriteLine($"  e.g. new: {string.Join(", ", preview.SampleCreate)}");
            }

            if (preview.SampleUpdate.Count > 0)
            {
                Console.Error.WriteLine($"  e.g. changed: {string.Join(", ", preview.SampleUpdate)}");
            }

            Console.Error.WriteLine($"apply within the hour: ./syncops sync apply --org {parse.GetValue(org)} --cache-key {preview.CacheKey}");
            CliOutput.WriteJson(new
            {
                cache_key = preview.CacheKey,
                entity = preview.Entity,
                to_create = preview.ToCreate,
                to_update = preview.ToUpdate,
                unchanged = preview.Unchanged,
                failed = preview.Failed,
                expires_at = preview.ExpiresAt,
            });
            return 0;
        });
        return command;
    }

    private static Command Apply()
    {
        var org = new Option<string>("--org") { Description = "Organisation id.", Required = true };
        var key = new Option<string>("--cache-key") { Description = "The key sync preview printed.", Required = true };
        var command = new Command("apply", "Write exactly the records a preview found (refused once the preview expired).") { org, key };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var result = await services.GetRequiredService<SyncEngine>().ApplyAsync(parse.GetValue(org)!, parse.GetValue(key)!, cancellationToken: ct);
            CliOutput.WriteJson(new { sync_id = result.SyncId, status = result.Status, processed = result.Processed, failed = result.Failed, skipped = result.Skipped, created = result.Created, updated = result.Updated });
            return result.Status == SyncStatus.Completed ? 0 : result.Status == SyncStatus.CompletedWithErrors ? 2 : 1;
        });
        return command;
    }

    private static Command Cancel()
    {
        var org = new Option<string>("--org") { Description = "Organisation id.", Required = true };
        var syncId = new Option<string>("--sync-id") { Description = "The running sync.", Required = true };
        var command = new Command("cancel", "Cancel a running sync; its worker stops within a second.") { org, syncId };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(ct);
            var row = await services.GetRequiredService<SyncTracker>().CancelAsync(parse.GetValue(org)!, parse.GetValue(syncId)!, "cancelled from the CLI", ct);
            Console.WriteLine($"{row.SyncId}: {row.Status}");
            return 0;
        });
        return command;
    }

    private static string Describe(SyncProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.EntityType} {p.ProcessedCount + p.FailedCount}/{p.TotalItems} ({p.FailedCount} failed) {p.SpeedItemsPerMin:0} items/min ETA {CliOutput.Duration(p.EtaSeconds)}");
}
