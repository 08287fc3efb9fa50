using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Server;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops serve [--urls URL]</c>: the Supabase-compatible REST API (and health) until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Where to listen (default: {SyncOpsSettings.UrlVariable}, now {settings.ListenUrl}).",
        };
        var serve = new Command("serve", "Serve the REST API at /rest/v1 (point supabase-js at this URL).") { urls };
        CliAction.Set(serve, async (parse, ct) =>
        {
            await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions { Settings = settings, Urls = parse.GetValue(urls) }, ct);
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }
}
