using Microsoft.Extensions.DependencyInjection;
using SyncOps.Configuration;
using SyncOps.Database;

namespace SyncOps.Cli.Infrastructure;

/// <summary>Opens the configured database (starting the embedded one when needed), migrates it and wires the library.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> OpenAsync(SyncOpsSettings settings, CancellationToken cancellationToken)
    {
        CheckDatabaseUrl(settings);
        var dataSource = await SyncOpsDatabase.OpenAsync(settings, cancellationToken, "syncops-cli");
        return new ServiceCollection().AddSyncOps(settings, dataSource).BuildServiceProvider();
    }

    /// <summary>The database URL, starting the embedded cluster when none is configured.</summary>
    public static Task<string> ResolveUrlAsync(SyncOpsSettings settings, CancellationToken cancellationToken)
    {
        CheckDatabaseUrl(settings);
        return SyncOpsDatabase.ResolveUrlAsync(settings, cancellationToken);
    }

    /// <summary>
    /// A malformed SYNCOPS_DATABASE_URL fails deep inside Npgsql with a message about "the initialization string"; say
    /// which variable is wrong and what it should look like instead (the value itself may hold a password: not echoed).
    /// </summary>
    private static void CheckDatabaseUrl(SyncOpsSettings settings)
    {
        if (settings.UsesEmbeddedDatabase)
        {
            return;
        }

        try
        {
            DatabaseUrl.ToConnectionString(settings.DatabaseUrl!);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SyncOpsException)
        {
            throw new SyncOpsException(
                $"{SyncOpsSettings.DatabaseUrlVariable} is not a postgres://user:password@host:port/database URL " +
                $"or a Host=...;Database=... connection string ({CliErrors.OneLine(e.Message).TrimEnd('.')})", e);
        }
    }
}
