using System.CommandLine;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Database;

namespace SyncOps.Cli.Commands;

/// <summary><c>syncops migrate</c>: apply pending schema migrations.</summary>
internal static class MigrateCommand
{
    public static Command Create(SyncOpsSettings settings)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations (every other command does this when needed).");
        CliAction.Set(migrate, async (_, ct) =>
        {
            var url = await CliServices.ResolveUrlAsync(settings, ct);
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-cli"));
            var applied = await new Migrator(dataSource).MigrateAsync(ct);
            foreach (var name in applied)
            {
                Console.WriteLine($"applied {name}");
            }

            Console.WriteLine(applied.Count == 0 ? "schema is up to date" : $"{applied.Count} migration(s) applied");
            return 0;
        });
        return migrate;
    }
}
