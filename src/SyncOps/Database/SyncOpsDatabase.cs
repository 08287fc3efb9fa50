using Npgsql;
using SyncOps.Configuration;
using SyncOps.Embedded;

namespace SyncOps.Database;

/// <summary>Turns settings into a migrated database: starts the embedded cluster when no URL is configured.</summary>
public static class SyncOpsDatabase
{
    /// <summary>The database URL to use, starting the embedded cluster first when no URL is configured.</summary>
    public static async Task<string> ResolveUrlAsync(SyncOpsSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.UsesEmbeddedDatabase)
        {
            return settings.DatabaseUrl!;
        }

        return await new EmbeddedPostgres(settings.DataDirectory, postgresBinDirectory: settings.PostgresBinDirectory).StartAsync(cancellationToken);
    }

    /// <summary>The Npgsql connection string SyncOps uses for a database URL.</summary>
    public static string ConnectionString(string databaseUrl, string applicationName = "syncops")
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(databaseUrl))
        {
            // PostgREST returns PostgreSQL's detail text; Npgsql redacts it unless asked (protocol reference §7.3).
            IncludeErrorDetail = true,
            ApplicationName = applicationName,
        };
        return builder.ConnectionString;
    }

    /// <summary>Resolves the database, opens a data source and applies pending migrations.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(
        SyncOpsSettings settings, CancellationToken cancellationToken, string applicationName = "syncops")
    {
        var url = await ResolveUrlAsync(settings, cancellationToken);
        var dataSource = NpgsqlDataSource.Create(ConnectionString(url, applicationName));
        try
        {
            await new Migrator(dataSource).MigrateAsync(cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        return dataSource;
    }
}
