using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Tracking;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops sync run|preview|apply|cancel</c> (run in <see cref="SyncRunCommand"/>).</summary>
internal static class SyncCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var sync = new Command("sync", "Run, preview, apply and cancel syncs.");
        sync.Subcommands.Add(SyncRunCommand.Create(settings));
        sync.Subcommands.Add(Preview(settings));
        sync.Subcommands.Add(Apply(settings));
        sync.Subcommands.Add(Cancel(settings));
        return sync;
    }

    internal static (Option<string> Org, Option<Guid> Connection, Option<string> Entity, Option<bool> Full) RequestOptions()
    {
        var entity = new Option<string>("--entity") { Description = "customer, product or order.", Required = true, HelpName = "customer|product|order" };
        entity.Validators.Add(result =>
        {
            if (CliOptions.TryValue<string>(result, out var value) && !SyncEntity.All.Contains(value))
            {
                result.AddError($"--entity must be customer, product or order, not \"{value}\"");
            }
        });
        return (CliOptions.Org(), new Option<Guid>("--connection") { Description = "Connection id.", Required = true, HelpName = "ID" }, entity,
            new Option<bool>("--full") { Description = "Ignore the checkpoint: read everything again." });
    }

    /// <summary>0 completed, 3 completed with errors, 130 after Ctrl+C, 1 otherwise (with the reason on stderr).</summary>
    internal static int ExitCode(SyncResult result, CancellationToken ct)
    {
        switch (result.Status)
        {
            case SyncStatus.Completed:
                return ExitCodes.Ok;
            case SyncStatus.CompletedWithErrors:
                return ExitCodes.Partial;
            default:
                CliErrors.Fail($"sync {result.SyncId} {result.Status}{(result.ErrorMessage is { } error ? $": {error}" : "")}");
                return ct.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Failed;
        }
    }

    internal static string Summary(SyncResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.SyncId}: {r.Status.Replace('_', ' ')}, {r.Processed} processed ({r.Created} new, {r.Updated} updated, {r.Skipped} unchanged), {r.Failed} failed{(r.Deleted > 0 ? $", {r.Deleted} marked deleted at the source" : "")}");

    private static Command Preview(SyncOpsSettings settings)
    {
        var (org, connection, entity, full) = RequestOptions();
        var command = new Command("preview", "Compute what a sync would change, without writing; prints the delta (JSON on stdout) and its cache key.") { org, connection, entity, full };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
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

            Console.Error.WriteLine($"apply within the hour: syncops sync apply --org {parse.GetValue(org)} --cache-key {preview.CacheKey}");
            CliOutput.WriteJson(new
            {
                cache_key = preview.CacheKey, entity = preview.Entity, to_create = preview.ToCreate, to_update = preview.ToUpdate,
                unchanged = preview.Unchanged, failed = preview.Failed, expires_at = preview.ExpiresAt,
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Apply(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var key = new Option<string>("--cache-key") { Description = "The key sync preview printed.", Required = true, HelpName = "KEY" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document with the outcome instead of a summary." };
        var command = new Command("apply", "Write exactly the records a preview found (refused once the preview expired).") { org, key, json };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var result = await services.GetRequiredService<SyncEngine>().ApplyAsync(parse.GetValue(org)!, parse.GetValue(key)!, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { sync_id = result.SyncId, status = result.Status, processed = result.Processed, failed = result.Failed, skipped = result.Skipped, created = result.Created, updated = result.Updated, error = result.ErrorMessage });
            }
            else
            {
                Console.WriteLine(Summary(result));
            }

            return ExitCode(result, ct);
        });
        return command;
    }

    private static Command Cancel(SyncOpsSettings settings)
    {
        var org = CliOptions.Org();
        var syncId = new Option<string>("--sync-id") { Description = "The running sync.", Required = true, HelpName = "ID" };
        var command = new Command("cancel", "Cancel a running sync; its worker stops within a second.") { org, syncId };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var row = await services.GetRequiredService<SyncTracker>().CancelAsync(parse.GetValue(org)!, parse.GetValue(syncId)!, "cancelled from the CLI", ct);
            Console.WriteLine($"{row.SyncId}: {row.Status}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
