using System.CommandLine;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Embedded;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops db start|status|stop|url</c>: the embedded PostgreSQL cluster.</summary>
internal static class DbCommands
{
    public static Command Create(SyncOpsSettings settings)
    {
        var db = new Command("db", "Manage the embedded PostgreSQL cluster (used when SYNCOPS_DATABASE_URL is not set).");

        var start = new Command("start", "Initialise (first time) and start the embedded cluster; prints its URL.");
        CliAction.Set(start, async (_, ct) =>
        {
            if (!settings.UsesEmbeddedDatabase)
            {
                Console.WriteLine($"{SyncOpsSettings.DatabaseUrlVariable} is set: SyncOps uses that database and starts none.");
                return 0;
            }

            var url = await new EmbeddedPostgres(settings.DataDirectory, postgresBinDirectory: settings.PostgresBinDirectory).StartAsync(ct);
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url));
            await new Migrator(dataSource).MigrateAsync(ct);
            Console.WriteLine($"PostgreSQL is running for SyncOps (data in {settings.DataDirectory}).");
            Console.WriteLine(url);
            return 0;
        });

        var status = new Command("status", "Say whether the embedded cluster is initialised and running.");
        CliAction.Set(status, async (_, ct) =>
        {
            if (!settings.UsesEmbeddedDatabase)
            {
                Console.WriteLine($"external database ({SyncOpsSettings.DatabaseUrlVariable} is set)");
                return 0;
            }

            var state = await new EmbeddedPostgres(settings.DataDirectory, postgresBinDirectory: settings.PostgresBinDirectory).GetStatusAsync(ct);
            Console.WriteLine(!state.Initialized ? $"not initialised (data folder {state.DataDirectory})"
                : state.Running ? $"running on 127.0.0.1:{state.Port} (PostgreSQL {state.MajorVersion}, data in {state.DataDirectory})"
                : $"stopped (data in {state.DataDirectory})");
            return state.Running ? 0 : 3;
        });

        var stop = new Command("stop", "Stop the embedded cluster cleanly.");
        CliAction.Set(stop, async (_, ct) =>
        {
            if (!settings.UsesEmbeddedDatabase)
            {
                Console.WriteLine($"{SyncOpsSettings.DatabaseUrlVariable} is set: there is no embedded cluster to stop.");
                return 0;
            }

            var stopped = await new EmbeddedPostgres(settings.DataDirectory, postgresBinDirectory: settings.PostgresBinDirectory).StopAsync(ct);
            Console.WriteLine(stopped ? "stopped" : "was not running");
            return 0;
        });

        var url = new Command("url", "Print the database URL (psql accepts it), starting the embedded cluster if needed.");
        CliAction.Set(url, async (_, ct) =>
        {
            Console.WriteLine(await CliServices.ResolveUrlAsync(settings, ct));
            return 0;
        });

        db.Subcommands.Add(start);
        db.Subcommands.Add(status);
        db.Subcommands.Add(stop);
        db.Subcommands.Add(url);
        return db;
    }
}
