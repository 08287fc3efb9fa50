using Microsoft.Extensions.DependencyInjection;
using SyncOps.Configuration;
using SyncOps.Database;

namespace SyncOps.Cli.Infrastructure;

/// <summary>Opens the configured database (starting the embedded one when needed), migrates it and wires the library.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = SyncOpsSettings.FromEnvironment();
        var dataSource = await SyncOpsDatabase.OpenAsync(settings, cancellationToken, "syncops-cli");
        return new ServiceCollection().AddSyncOps(settings, dataSource).BuildServiceProvider();
    }
}
